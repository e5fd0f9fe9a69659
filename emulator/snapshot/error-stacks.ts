// Runs inside the snapshot build. An Error keeps its stack unformatted (V8's call sites, which
// point at the functions' bytecode) until something reads `error.stack`. Node 22's V8 aborts while
// writing such an error into a startup snapshot (`std::length_error`, in the serializer's
// visit of a CallSiteInfo); Node 22's builder captures stacks by default, and libraries keep the
// errors they caught at init: the AWS SDK keeps the ENOENT of the shared config file it tried
// to read when a client is made. Reading every error's stack just before the heap is written
// leaves only strings behind, which every Node version serializes; the text is the one the first
// read would have given.
import v8 from 'node:v8';

export function formatErrorStacksBeforeSnapshot(): void {
  v8.startupSnapshot.addSerializeCallback(formatErrorStacks);
}

/** Reads `.stack` of every object whose prototype chain has Error.prototype (the inspector's queryObjects finds them). */
export function formatErrorStacks(): number {
  let inspector: typeof import('node:inspector');
  try {
    inspector = require('node:inspector') as typeof import('node:inspector');
  } catch {
    // A Node built without the inspector: nothing to do but hope.
    return 0;
  }
  const session = new inspector.Session();
  session.connect();
  // An in-process session answers synchronously, inside post().
  const post = <T>(method: string, params: object): T | undefined => {
    let answer: T | undefined;
    (session.post as (method: string, params: object, done: (error: Error | null, result?: object) => void) => void)(method, params, (error, result) => {
      if (!error) answer = result as T;
    });
    return answer;
  };
  try {
    const prototype = post<{ result: { objectId?: string } }>('Runtime.evaluate', { expression: 'Error.prototype', objectGroup: 'snapshot-restore' });
    const prototypeObjectId = prototype?.result.objectId;
    if (!prototypeObjectId) return 0;
    const found = post<{ objects: { objectId?: string } }>('Runtime.queryObjects', { prototypeObjectId, objectGroup: 'snapshot-restore' });
    const objectId = found?.objects.objectId;
    if (!objectId) return 0;
    const formatted = post<{ result: { value?: number } }>('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: 'function () { for (const error of this) { try { void error.stack; } catch {} } return this.length; }',
      returnByValue: true,
    });
    return formatted?.result.value ?? 0;
  } finally {
    post('Runtime.releaseObjectGroup', { objectGroup: 'snapshot-restore' });
    session.disconnect();
  }
}
