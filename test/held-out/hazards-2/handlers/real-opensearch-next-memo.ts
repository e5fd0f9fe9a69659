// Real public module: hi-space/next-memo, src/lib/opensearch.ts, commit 553127f964442c56b3d21962c80e22257a455c1d.
// Rewritten: the module's client is used by a handler added here; @aws-sdk/credential-provider-node's defaultProvider is
// replaced by the SDK client's own credential chain (that package is not installed in this set).
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { STSClient } from '@aws-sdk/client-sts';

const sts = new STSClient({}); // expect: none (an AWS SDK client)

const osClient = new Client({ // expect: none (lib/Transport.js: no request in the constructor; getCredentials is a provider called per request)
  ...AwsSigv4Signer({
    region: process.env.AWS_REGION || 'ap-northeast-2',
    service: 'aoss',
    getCredentials: () => sts.config.credentials(), // expect: none (a provider function, called when a request is signed)
  }),
  node: process.env.AWS_OPENSEARCH_ENDPOINT || 'https://search.internal',
});

export default osClient;

export const handler = async (event: { q: string }) => {
  const r = await osClient.search({ index: 'memos', body: { query: { match: { content: event.q } } } }); // expect: none (in the handler)
  return r.body.hits;
};
