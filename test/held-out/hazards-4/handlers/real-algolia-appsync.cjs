// Rewritten from theburningmonk/appsyncmasterclass-backend, functions/sync-users-to-algolia.js @
// 5f8800c6759cfc80d111be608be8214ebb30cd41 (with lib/algolia.js, rewritten in lib/algolia-appsync.cjs). Changed: the
// @middy/core + @middy/ssm wrapper (which put ALGOLIA_APP_ID / ALGOLIA_WRITE_KEY on the context from SSM) → plain
// environment variables; aws-sdk v2's DynamoDB.Converter.unmarshall → a small local unmarshall of string attributes;
// index.saveObjects/deleteObjects → v5's client.saveObjects/deleteObjects. The Algolia client is still made lazily on
// the first invoke, as in the original.
const { initUsersIndex } = require('./lib/algolia-appsync.cjs');

const { STAGE = 'dev', ALGOLIA_APP_ID = 'APPID', ALGOLIA_WRITE_KEY = 'write-key' } = process.env; // expect: none (function settings)

const unmarshall = (image) => Object.fromEntries(Object.entries(image || {}).map(([k, v]) => [k, v.S ?? v.N ?? v.BOOL ?? null]));

module.exports.handler = async (event) => {
  const { client, indexName } = await initUsersIndex(ALGOLIA_APP_ID, ALGOLIA_WRITE_KEY, STAGE);

  for (const record of event.Records) {
    if (record.eventName === 'INSERT' || record.eventName === 'MODIFY') {
      const profile = unmarshall(record.dynamodb.NewImage);
      profile.objectID = profile.id;
      await client.saveObjects({ indexName, objects: [profile] }); // expect: none (in the handler)
    } else if (record.eventName === 'REMOVE') {
      const profile = unmarshall(record.dynamodb.OldImage);
      await client.deleteObjects({ indexName, objectIDs: [profile.id] });
    }
  }
};
