// Reading the values a handler can see in its module scope, from inside the process, through the
// inspector protocol: a function's `[[Scopes]]` list the variables its closures keep alive, which
// in a bundle are the module-level bindings (esbuild puts all ESM modules in one scope). Strings,
// numbers and dates are collected, and plain objects are looked into two levels deep. Only the
// bindings the user's own modules declare are read (bundle.ts finds them through the source map):
// a bundled SDK's constants are not the user's state, and reading them first would crowd out the
// user's values. Runs in each process started from the snapshot, after the restore, so that the
// emulate command can compare them.
import type { ModuleValue } from './protocol.js';

interface RemoteObject {
  type: string;
  subtype?: string;
  className?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}
interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

const MAX_VALUES = 400;
const MAX_PROPERTIES = 40;
const MAX_DEPTH = 2;
// Each look into an object is a protocol call: a bundle of a big SDK has thousands of bindings.
const MAX_LOOKS = 3000;
// Bindings of the bundler and of the emulator's wrapper: never the user's state.
const SKIPPED = /^(__|require$|require_|import_|init_|module$|exports$|snapshotRestore)/;

export interface CollectedValues {
  values: ModuleValue[];
  /** A limit was reached: the list is not complete. */
  cut: boolean;
}

export async function collectModuleValues(fn: (...args: never[]) => unknown, only: ReadonlySet<string>): Promise<CollectedValues> {
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  const key = Symbol.for('snapshot-restore.emulate.probe');
  const store = globalThis as { [key]?: (...args: never[]) => unknown };
  store[key] = fn;
  const values: ModuleValue[] = [];
  const budget = { looks: MAX_LOOKS, cut: false };
  try {
    const { result } = await post('Runtime.evaluate', { expression: "globalThis[Symbol.for('snapshot-restore.emulate.probe')]" });
    const own = await post('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    const scopes = own.internalProperties?.find((property: PropertyDescriptor) => property.name === '[[Scopes]]');
    if (!scopes?.value?.objectId) return { values, cut: false };
    const list = await post('Runtime.getProperties', { objectId: scopes.value.objectId, ownProperties: true });
    for (const scope of list.result as PropertyDescriptor[]) {
      // Closure scopes only: the global scope is Node's, not the module's.
      if (!scope.value?.objectId || !scope.value.description?.startsWith('Closure')) continue;
      const variables = await post('Runtime.getProperties', { objectId: scope.value.objectId, ownProperties: true });
      // In name order, so that a cut list is the same on every run.
      const own = (variables.result as PropertyDescriptor[]).filter((variable) => only.has(variable.name) && !SKIPPED.test(variable.name) && variable.value);
      own.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const variable of own) await collect(post, variable.name, variable.value as RemoteObject, 0, values, budget, only);
    }
  } finally {
    delete store[key];
    session.disconnect();
  }
  return { values, cut: budget.cut };
}

async function collect(
  post: (method: string, params: object) => Promise<any>,
  path: string,
  value: RemoteObject,
  depth: number,
  values: ModuleValue[],
  budget: { looks: number; cut: boolean },
  only: ReadonlySet<string>,
): Promise<void> {
  if (values.length >= MAX_VALUES) {
    budget.cut = true;
    return;
  }
  if (value.type === 'string') values.push({ path, type: 'string', value: String(value.value) });
  else if (value.type === 'number') values.push({ path, type: 'number', value: String(value.value ?? value.unserializableValue) });
  else if (value.type === 'bigint') values.push({ path, type: 'bigint', value: String(value.unserializableValue ?? value.description).replace(/n$/, '') });
  else if (value.type === 'object' && value.subtype === 'date') values.push({ path, type: 'date', value: String(value.description) });
  else if (value.type === 'object' && value.objectId && depth < MAX_DEPTH && isPlain(value, only)) {
    if (budget.looks-- <= 0) {
      budget.cut = true;
      return;
    }
    const properties = await post('Runtime.getProperties', { objectId: value.objectId, ownProperties: true });
    let count = 0;
    for (const property of properties.result as PropertyDescriptor[]) {
      // Accessors are never called: reading the state must not change it.
      if (!property.value) continue;
      if (++count > MAX_PROPERTIES) {
        budget.cut = true;
        break;
      }
      const name = /^[A-Za-z_$][\w$]*$/.test(property.name) ? `.${property.name}` : `[${property.name}]`;
      await collect(post, `${path}${name}`, property.value, depth + 1, values, budget, only);
    }
  }
}

/** Plain objects, arrays, and instances of classes the user's modules declare: not a library's machinery (an SDK client). */
function isPlain(value: RemoteObject, own: ReadonlySet<string>): boolean {
  if (value.subtype === 'array') return true;
  if (value.subtype !== undefined) return false; // maps, sets, promises, typed arrays, errors...
  return value.className === 'Object' || (value.className !== undefined && own.has(value.className));
}
