// Real public handler: jack-ohara/clem-wp-api, index.ts, commit 0e7435ee648fff0d985480abf38f2379980416e3.
// Kept as it is (the aws-lambda event and result types are written out here).
import NodeCache from 'node-cache';

type APIGatewayProxyEvent = { path: string };
type APIGatewayProxyResultV2 = { statusCode: number; body: string };

const cache = new NodeCache({ stdTTL: 0 }); // expect: SR106 (lib/node_cache.js: stdTTL 0 leaves checkperiod at its default 600, so the constructor's _checkData() arms setTimeout(600000) at init)

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResultV2> {
  console.log(event.path, null, 2);

  if (cache.has('keykey')) {
    return { statusCode: 200, body: 'Hey from clem' };
  }

  cache.set('keykey', { something: 'nothing' }); // expect: none (in the handler)

  return { statusCode: 200, body: 'No dice' };
}
