// typesense 3.1 (CommonJS, as in its README): Client is lazy; each request uses axios through Node's http(s) agent.
const Typesense = require('typesense');

const client = new Typesense.Client({ // expect: none (lib/Typesense/Client.js + Configuration.js: options only, no request)
  nodes: [{ host: process.env.TYPESENSE_HOST || 'typesense.internal', port: 8108, protocol: 'http' }],
  apiKey: process.env.TYPESENSE_API_KEY || 'xyz',
  connectionTimeoutSeconds: 2,
});

const warm = client.health.retrieve(); // expect: SR107 (lib/Typesense/ApiCall.js: an axios request through http.globalAgent, keepAlive by default since Node 19: the socket is idle in the pool at the snapshot)

const search = new Typesense.SearchClient({ // expect: none (constructor only)
  nodes: [{ host: process.env.TYPESENSE_HOST || 'typesense.internal', port: 8108, protocol: 'http' }],
  apiKey: 'search-only',
});

exports.handler = async (event) => {
  await warm.catch(() => undefined);
  return search.collections('products').documents().search({ q: event.q, query_by: 'name' }); // expect: none (in the handler)
};
