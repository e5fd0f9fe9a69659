// Credentials resolved at init, and the providers the AWS SDK refreshes on its own.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { registerAfterRestore } from 'snapshot-restore';

export const credentials = await fromNodeProviderChain()(); // expect: SR108 (credential-provider-node/dist-cjs/index.js defaultProvider → memoizeChain: the container endpoint's role credentials, with an expiration hours away, resolved once and kept)
const provider = fromNodeProviderChain(); // expect: none (a provider function: memoizeChain resolves nothing until it is called, and refreshes once credentialsTreatedAsExpired)
export const client = new DynamoDBClient({ credentials: provider }); // expect: none (the client calls the provider per request)
const db = new DynamoDBClient({}); // expect: none (constructor only)
export const identity = await db.config.credentials(); // expect: SR108 (the client's own provider, called once at init: the credentials it returns are kept)
let renewed = await fromNodeProviderChain()(); // expect: none (resolved again after the restore below)
registerAfterRestore(async () => {
  renewed = await fromNodeProviderChain()();
});
await fromNodeProviderChain()(); // expect: none (thrown away: the memoized provider is not kept either)

export const handler = async () => {
  const fresh = await provider(); // expect: none (in the handler: the memoized provider refreshes expired credentials)
  return { fresh, credentials, identity, renewed, client };
};
