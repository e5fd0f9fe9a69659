// Imported lazily only by the handler of shape-dynamic-import.ts: its top level runs at invoke time.
import neo4j from 'neo4j-driver';

export const driver = neo4j.driver(process.env.NEO4J_URI ?? 'neo4j://graph.internal:7687'); // expect: none (lazy, and loaded after the restore)
await driver.verifyConnectivity().catch(() => undefined); // expect: none (this module is first imported inside the handler, after the restore)
