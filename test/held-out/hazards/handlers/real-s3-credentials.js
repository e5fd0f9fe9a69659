// Real public handler: Andy-V12345/SomethingSold, backend/lambda_functions/item-images-crud/get-image/index.js, commit 4540a436e7438438487417dc23ef18797e99cf77.
// Rewritten here (an SQSClient instead of an S3Client, dotenv dropped); the init shape is kept: a
// client built at module scope with keys from custom variable names.
import { SQSClient } from '@aws-sdk/client-sqs';

const client = new SQSClient({
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.ACCESS_KEY, // expect: none (a custom variable name: not one of the three AWS credential variables SnapStart leaves unset)
    secretAccessKey: process.env.SECRET_ACCESS_KEY, // expect: none (custom name, as above)
  },
});

export const handler = async () => {
  const response = {
    statusCode: '200',
    body: null,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Origin': '*' },
  };
  return { ...response, client: !!client };
};
