// Loaded by dynamic-import.ts at init.
import { uuidv7 } from 'uuidv7';
import { randomBytes } from 'node:crypto';

export const nodeId = uuidv7(); // expect: SR104 (module top level, evaluated at init by the awaited import() in dynamic-import.ts)
export function createIdFactory() {
  const prefix = randomBytes(4).toString('hex'); // expect: SR103 (createIdFactory() is called at the top level of dynamic-import.ts: the prefix is drawn at init and shared by every restore)
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
}
