// snapshot-restore/http's guards and parsing, on generated inputs: loopback addresses, the web
// adapter's caller check, the MicroVM hook paths, the run payload's two forms, and a hook request
// refused before anything runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { registerBeforeSnapshot } from '../../runtime/index.js';
import { snapshotHooks } from '../../runtime/http.js';
import { isLoopback, notFromAdapter } from '../../runtime/platforms/guards.js';
import { MICROVM_HOOK_PREFIX, MICROVM_HOOKS, microvmHook, runPayloadOf } from '../../runtime/platforms/microvm.js';
import { webAdapterCall, webAdapterPaths } from '../../runtime/platforms/web-adapter.js';
import { resetHooks } from '../../runtime/testing.js';

// A small deterministic generator: the same inputs every run, many of them.
function* numbers(seed: number, count: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}
const octet = (n: number) => n % 256;

describe('isLoopback', () => {
  it('is true for every 127/8 address, ::1 and their IPv4-mapped forms, false for every other address', () => {
    for (const n of numbers(7, 300)) {
      const v4 = `127.${octet(n)}.${octet(n >> 8)}.${octet(n >> 16)}`;
      expect(isLoopback(v4), v4).toBe(true);
      expect(isLoopback(`::ffff:${v4}`)).toBe(true);
      const first = 1 + (octet(n >> 3) % 223);
      const other = `${first === 127 ? 128 : first}.${octet(n >> 5)}.${octet(n >> 9)}.${octet(n >> 13)}`;
      expect(isLoopback(other), other).toBe(false);
      expect(isLoopback(`::ffff:${other}`)).toBe(false);
      expect(isLoopback(`fe80::${(n % 65536).toString(16)}`)).toBe(false);
    }
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback(undefined)).toBe(false);
  });
});

describe('the web adapter', () => {
  it('a caller off loopback is refused while the adapter connects over loopback, and allowed when it does not', () => {
    expect(notFromAdapter('10.0.0.5', {})).toContain('10.0.0.5');
    expect(notFromAdapter('127.0.0.1', {})).toBeUndefined();
    expect(notFromAdapter('10.0.0.5', { AWS_LWA_HOST: '0.0.0.0' })).toBeUndefined();
    expect(notFromAdapter(undefined, {})).toBeUndefined();
  });

  it('takes its paths from its variables, with the leading slash the adapter adds', () => {
    const paths = webAdapterPaths({}, { AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH: 'before', AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH: '/after' });
    expect(paths).toEqual({ beforeCheckpoint: '/before', afterRestore: '/after' });
    expect(webAdapterCall('/before', paths)).toBe('before-checkpoint');
    expect(webAdapterCall('/after', paths)).toBe('after-restore');
    expect(webAdapterCall('/other', paths)).toBeUndefined();
    expect(webAdapterPaths({ afterRestorePath: '/mine' }, { AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH: '/env' }).afterRestore).toBe('/mine');
  });
});

describe('MicroVM paths and payloads', () => {
  it('knows the six hooks under the prefix, with or without a trailing slash, and nothing else', () => {
    for (const hook of MICROVM_HOOKS) {
      expect(microvmHook(`${MICROVM_HOOK_PREFIX}${hook}`)).toBe(hook);
      expect(microvmHook(`${MICROVM_HOOK_PREFIX}${hook}/`)).toBe(hook);
      expect(microvmHook(`/${hook}`)).toBeUndefined();
      expect(microvmHook(`${MICROVM_HOOK_PREFIX}${hook}x`)).toBeUndefined();
    }
  });

  it('the run payload is the body, or the string inside a {"runHookPayload": ...} envelope', () => {
    for (const n of numbers(11, 100)) {
      const value = `tenant-${n}`;
      expect(runPayloadOf(value)).toBe(value);
      expect(runPayloadOf(JSON.stringify({ runHookPayload: value }))).toBe(value);
      const json = JSON.stringify({ tenant: value });
      expect(runPayloadOf(json)).toBe(json);
      // Not the envelope (more keys, or not a string): the body as sent.
      const notEnvelope = JSON.stringify({ runHookPayload: value, other: 1 });
      expect(runPayloadOf(notEnvelope)).toBe(notEnvelope);
    }
    expect(runPayloadOf('')).toBeUndefined();
  });
});

describe('a refused hook request runs nothing', () => {
  beforeEach(() => resetHooks());

  it('the web adapter path from a non-loopback caller: 403, one line, no hook ran', async () => {
    let ran = 0;
    registerBeforeSnapshot(() => ran++);
    const handler = snapshotHooks({ env: { AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start', AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH: '/b' } });
    const answer = await handler.answer({ method: 'POST', pathname: '/b', body: async () => '', remoteAddress: '192.0.2.7' });
    expect(answer?.status).toBe(403);
    expect(answer?.body).toMatch(/^snapshot-restore: the web adapter calls its hooks over loopback, and this request came from 192\.0\.2\.7; nothing ran\n$/);
    expect(ran).toBe(0);
    // The same request from loopback runs the phase.
    expect((await handler.answer({ method: 'POST', pathname: '/b', body: async () => '', remoteAddress: '127.0.0.1' }))?.status).toBe(200);
    expect(ran).toBe(1);
  });

  it('the fetch handler gives undefined for requests that are not hook requests', async () => {
    const handler = snapshotHooks({ platform: 'microvm', env: {} });
    expect(await handler(new Request('http://localhost/hello'))).toBeUndefined();
    expect(handler.matches('/hello')).toBe(false);
    expect(handler.matches(`${MICROVM_HOOK_PREFIX}run`)).toBe(true);
    const response = await handler(new Request(`http://localhost${MICROVM_HOOK_PREFIX}ready`, { method: 'GET' }));
    expect(response?.status).toBe(405);
    expect(response?.headers.get('allow')).toBe('POST');
  });
});
