// Shapes: modules loaded with `await Promise.all([import(...)])` at top level, and a factory's generator kept at module scope.
const [{ sql, settings }, { nodeId, createIdFactory }] = await Promise.all([import('./lib/warm-cache.js'), import('./lib/ids.js')]);

const nextId = createIdFactory(); // expect: none (the hazard is the prefix drawn inside createIdFactory, reported in lib/ids.ts)

export const handler = async () => {
  const { uuidv7 } = await import('uuidv7'); // expect: none (in the handler)
  return { id: nextId(), trace: uuidv7(), nodeId, settings: settings.length, now: await sql`select now()` };
};
