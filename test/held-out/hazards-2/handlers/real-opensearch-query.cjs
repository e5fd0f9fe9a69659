// Real public handler: JefersonS/video-audio-analysis-machine-learning-test, elastic-search-query/index.js,
// commit 27688aea351ea9d1e15044228d1a1434c1db8a03. Rewritten: defaultProvider from @aws-sdk/credential-provider-node is
// replaced by the STS client's own credential chain (not installed here); the shape (client made per request) is kept.
const { STSClient } = require('@aws-sdk/client-sts');
const { Client } = require('@opensearch-project/opensearch');
const { AwsSigv4Signer } = require('@opensearch-project/opensearch/aws');

exports.handler = async (event, _context) => {
  if (!event['queryStringParameters'] || !event['queryStringParameters']['q']) {
    return { statusCode: 400, message: 'please inform a query to be performed' };
  }
  const searchText = event['queryStringParameters']['q'];

  const client = new Client({ // expect: none (in the handler)
    ...AwsSigv4Signer({
      region: 'us-east-1',
      service: 'es',
      getCredentials: () => {
        const credentialsProvider = new STSClient({}).config.credentials;
        return credentialsProvider();
      },
    }),
    requestTimeout: 60000,
    node: 'https://elastic-search-endpoint.internal',
  });

  var query = { query: { query_string: { fields: ['', '', ''], query: searchText } }, _source: '{_id}' };
  var response = await client.search({ index: '', body: query }); // expect: none (in the handler)
  return { statusCode: 200, body: JSON.stringify({ response: response.body.hits }) };
};
