// Thrown values that cannot be turned into a string: no formatting path may throw, every one
// becomes an error body, and a HookError always names the hook and where it was registered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAfterRestore, registerBeforeSnapshot } from '../../runtime/index.js';
import { errorParts, formatError } from '../../runtime/invoke/format-error.js';
import { errorBody } from '../../runtime/runtime-api/client.js';
import { xrayErrorCause } from '../../runtime/runtime-api/xray-cause.js';
import { HookError, resetHooks, runAfterRestore, runBeforeSnapshot } from '../../runtime/testing.js';

const thisFile = 'test/unit/runtime-unprintable.test.ts';

function stackThrows(): Error {
  const error = new TypeError('hidden');
  Object.defineProperty(error, 'stack', {
    get: () => {
      throw new Error('no stack');
    },
  });
  return error;
}
function everythingThrows(): Error {
  const error = new Error('x');
  for (const key of ['stack', 'name', 'message', 'cause'])
    Object.defineProperty(error, key, {
      get: () => {
        throw new Error(`no ${key}`);
      },
    });
  return error;
}
const revoked = (() => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
})();

const unprintable: Array<[string, unknown]> = [
  ['a null-prototype object', Object.create(null)],
  [
    'an object whose toString throws',
    {
      toString() {
        throw new Error('no');
      },
    },
  ],
  ['an Error whose stack getter throws', stackThrows()],
  ['an Error whose every property throws', everythingThrows()],
  ['a revoked proxy', revoked],
  ['a symbol', Symbol('s')],
];

describe('formatting never throws', () => {
  for (const [what, value] of unprintable) {
    it(`formats ${what}, as an error body and an X-Ray cause too`, () => {
      expect(typeof formatError(value)).toBe('string');
      const body = errorBody(value);
      expect(typeof body.errorType).toBe('string');
      expect(typeof body.errorMessage).toBe('string');
      expect(() => JSON.stringify(body)).not.toThrow();
      expect(typeof xrayErrorCause(value)).toBe('string');
    });
  }

  it('names a thrown non-Error by its typeof and an Error by its own name, as the official client does', () => {
    expect(errorParts(Object.create(null))).toMatchObject({ name: 'object', message: '[object Object]' });
    expect(errorParts('disk full')).toMatchObject({ name: 'string', message: 'disk full' });
    expect(errorParts(stackThrows())).toMatchObject({ name: 'TypeError', message: 'hidden', stack: ['TypeError: hidden'] });
    class ValidationError extends Error {
      override name = 'ValidationError';
    }
    expect(errorBody(new ValidationError('bad')).errorType).toBe('ValidationError');
  });
});

describe('HookError names the hook and its site, whatever was thrown', () => {
  beforeEach(() => {
    resetHooks();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  for (const [what, value] of unprintable) {
    it(`when a hook throws ${what}`, async () => {
      registerBeforeSnapshot(function closePool() {
        throw value;
      });
      const error = await runBeforeSnapshot().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HookError);
      expect((error as HookError).message).toMatch(new RegExp(`^before-snapshot hook closePool \\(registered at .*${thisFile}:\\d+:\\d+\\) failed: `));
      expect((error as HookError).cause).toBe(value);
      expect(typeof formatError(error)).toBe('string');
    });
  }

  it('when the hook is a method of a class whose name getter throws', async () => {
    class Pool {
      static get name(): string {
        throw new Error('no name');
      }
      static reconnect() {
        throw new Error('refused');
      }
    }
    // A decorated static method reads its class name lazily, at failure time.
    (registerAfterRestore as any)(Pool, 'reconnect', Object.getOwnPropertyDescriptor(Pool, 'reconnect'));
    const error = (await runAfterRestore().then(
      () => undefined,
      (e: unknown) => e,
    )) as HookError;
    expect(error).toBeInstanceOf(HookError);
    expect(error.message).toMatch(new RegExp(`after-restore hook <a hook whose name cannot be read> \\(registered at .*${thisFile}:\\d+:\\d+\\) failed: Error: refused`));
  });
});
