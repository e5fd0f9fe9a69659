// Shape: a module loaded by a top-level await import() (runs at init) and one loaded in the handler (runs after the restore).
const { search, hits } = await import('./lib/search-warm.ts');

export const handler = async (event: { q: string }) => {
  const { driver } = await import('./lib/graph-lazy.ts');
  const r = await search.search({ index: 'products', body: { query: { match: { name: event.q } } } }); // expect: none (in the handler)
  return { r: r.body.hits, n: hits.keys().length, d: !!driver };
};
