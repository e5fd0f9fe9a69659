// In a real snapshot build: a library that reads http.Agent.defaultMaxSockets at load (needle:
// `Connection: close` unless it is Infinity) reads Node's value from the stand-in without loading
// node:http, and a value init sets is what agents made after the restore get; the global agents'
// settings read at init are what the real ones have after the restore.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emulate } from '../../emulator/snapshot/emulate.js';
import { repoRoot, runtimeAlias } from '../helpers/bundle.js';

mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(repoRoot, '.tmp', 'emulate-agent-statics-'));
afterAll(() => process.env.SR_KEEP || rmSync(dir, { recursive: true, force: true }));

describe("node:http's Agent statics at init", () => {
  it('answer as Node does in the build, and what init set holds after the restore', async () => {
    const entry = join(dir, 'agent-statics.mjs');
    writeFileSync(
      entry,
      `import http from 'node:http';
import https from 'node:https';
const closeByDefault = !http.Agent || http.Agent.defaultMaxSockets != Infinity;
const httpsDefault = String(https.Agent.defaultMaxSockets);
// The global agents' settings, read at init (libraries size their pools from them).
// (https.globalAgent's maxSockets is left out: node:https loads after the restore, so its global
// agent is made after init set http.Agent.defaultMaxSockets, unlike in a process that loads it at init.)
const settings = (agent, withMax = true) => JSON.stringify({ keepAlive: agent.keepAlive, ...(withMax ? { maxSockets: String(agent.maxSockets) } : {}), maxFreeSockets: agent.maxFreeSockets, scheduling: agent.scheduling, options: agent.options, has: 'keepAlive' in agent });
const initSettings = [settings(http.globalAgent), settings(https.globalAgent, false)];
http.Agent.defaultMaxSockets = 64;
export const handler = async () => {
  const agent = new http.Agent();
  const globalSettings = [settings(http.globalAgent), settings(https.globalAgent, false)];
  const answer = { closeByDefault, httpsDefault, maxSockets: agent.maxSockets, isAgent: agent instanceof http.Agent, sameGlobalSettings: JSON.stringify(initSettings) === JSON.stringify(globalSettings) || [initSettings, globalSettings] };
  agent.destroy();
  return answer;
};
`,
    );
    const { report } = await emulate({ entry, restores: 1, alias: runtimeAlias, cwd: repoRoot, event: {} });
    expect(report.mode, report.fallbackReason).toBe('snapshot');
    expect(report.restores[0].invokes[0].payload).toEqual({ closeByDefault: false, httpsDefault: 'Infinity', maxSockets: 64, isAgent: true, sameGlobalSettings: true });
  });
});
