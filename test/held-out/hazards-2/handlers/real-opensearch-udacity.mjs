// Real public handler: udacity/cd12101-lesson-demos-and-exercise-starters-solutions,
// lesson-3-events-processing/exercises/09-sync-dynamodb-with-opensearch-starter/backend/src/lambda/dynamoDb/openSearchSync.js,
// commit fa74b4816506bfe3fddd85e396ef03b620abb37f. Rewritten: defaultProvider and aws-opensearch-connector (not installed
// here) become the STS client's credential chain and AwsSigv4Signer; the shape (getClient() defined, never called at init) is kept.
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { STSClient } from '@aws-sdk/client-sts';

const osHost = process.env.OS_ENDPOINT ?? 'search.internal';

const getClient = async () => {
  const awsCredentials = await new STSClient({}).config.credentials(); // expect: none (getClient() is never called at init)
  return new Client({ // expect: none (never called at init)
    ...AwsSigv4Signer({ region: process.env.AWS_REGION ?? 'us-east-1', service: 'es', getCredentials: async () => awsCredentials }),
    node: `https://${osHost}`,
  });
};

export async function handler(event) {
  for (const record of event.Records ?? []) {
    console.log('Processing record', JSON.stringify(record));
  }
  return typeof getClient;
}
