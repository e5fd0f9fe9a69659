// snapStart() used wrongly under the stock Node.js runtime client: from CommonJS, without await,
// inside the handler. Each is refused before any hook runs, with a message saying what to write,
// and the invocation is answered. Run with a stand-in for the client (test/helpers/stock-client.mjs,
// the same order as aws-lambda-ric 4) on every npm test; against aws-lambda-ric itself in test/peers.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonBody } from '../helpers/fault-api.js';
import { runScenario, SNAPSTART_SCENARIOS } from '../helpers/fault-scenarios.js';
import { requireBuild } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const stockClient = () => [join(import.meta.dirname, '../helpers/stock-client.mjs')];

describe('snapStart() under the stock client', () => {
  it('refuses a call from CommonJS, naming the bootstrap and `await snapStart()`, and the invoke is answered', async () => {
    const outcome = await runScenario(SNAPSTART_SCENARIOS.commonJs, stockClient);
    expect(outcome.stderr).toMatch(/snapStart\(\) was called from a CommonJS module \(.*index\.js\) under the stock Node\.js runtime client/);
    expect(outcome.stderr).toContain('run the bootstrap runtime');
    expect(outcome.calls).not.toContain('GET /runtime/restore/next');
    expect(outcome.stdout).not.toContain('HOOK');
    expect(jsonBody(outcome.answer!)).toEqual({ ok: true });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('refuses a call without await from an ES module, before any hook runs', async () => {
    const outcome = await runScenario(SNAPSTART_SCENARIOS.esmNotAwaited, stockClient);
    expect(outcome.stderr).toContain('snapStart() was not awaited');
    expect(outcome.stderr).toContain('write `await snapStart();` as the last statement of the handler module');
    expect(outcome.calls).not.toContain('GET /runtime/restore/next');
    expect(outcome.stdout).not.toContain('HOOK');
    expect(jsonBody(outcome.answer!)).toEqual({ ok: true });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('refuses a call inside the handler, and the handler still answers', async () => {
    const outcome = await runScenario(SNAPSTART_SCENARIOS.insideHandler, stockClient);
    expect(outcome.stderr).toContain('snapStart() was called inside the handler');
    expect(outcome.calls).not.toContain('GET /runtime/restore/next');
    expect(jsonBody(outcome.answer!)).toEqual({ ok: true });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('runs the lifecycle for `await snapStart()` at the end of an ES module', async () => {
    const outcome = await runScenario(SNAPSTART_SCENARIOS.awaited, stockClient);
    expect(outcome.stderr).not.toContain('snapStart() was');
    expect(outcome.calls.slice(0, 2)).toEqual(['GET /runtime/restore/next', 'GET /runtime/invocation/next']);
    expect(outcome.stdout.match(/HOOK \w+/g)).toEqual(['HOOK before', 'HOOK after']);
    expect(jsonBody(outcome.answer!)).toEqual({ ok: true });
  });
});
