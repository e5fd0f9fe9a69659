// listen() is deferred however the app reaches node:http: an esbuild ESM bundle whose banner makes
// `require` with createRequire(import.meta.url) reaches node:http through it at run time, where
// esbuild cannot see the name; the build's node:module gives that require the same stand-ins as an
// import. Run through the real binary, whose stdout is the report: it must be JSON from its first
// byte (making node:repl's REPLServer to observe it printed a REPL prompt there), for that bundle
// and for a Fastify app, whose libraries load node:module.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lwaSnapshotSteps, type PlatformReportJson, served, steps } from '../helpers/platform-emulate.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(repoRoot, '.tmp', 'http-create-require-'));
afterAll(() => process.env.SR_KEEP || rmSync(dir, { recursive: true, force: true }));

const HOOKS = `import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
const initPid = process.pid;
let connected = true;
registerBeforeSnapshot(function disconnect() { connected = false; });
registerAfterRestore(function connect() { connected = true; });
process.on('SIGTERM', () => process.exit(0));
`;

/** The binary's `emulate --platform lwa --json`: its stdout, parsed as a whole. */
function emulateBinary(file: string): { code: number | null; stdout: string; report: PlatformReportJson } {
  const run = runCli(['emulate', file, '--platform', 'lwa', '--json', '--quiet'], dir);
  expect(run.stdout.trimStart(), run.stderr).toMatch(/^\{/);
  return { code: run.code, stdout: run.stdout, report: JSON.parse(run.stdout) as PlatformReportJson };
}

function expectSnapshotServed(report: PlatformReportJson): void {
  expect(report.mode, report.modeReason).toBe('snapshot');
  expect(report.snapshot?.servers.map((server) => server.listens.length)).toEqual([1]);
  const answers = served(report);
  expect(answers.length).toBeGreaterThan(0);
  expect(steps(report)).toEqual(lwaSnapshotSteps(answers.length));
  for (const answer of answers) {
    expect(answer.connected).toBe(true);
    expect(answer.pid).not.toBe(answer.initPid);
  }
}

describe('listen() is deferred however the app reaches node:http, and --json stays clean', () => {
  it('an esbuild ESM bundle with Express inside, reaching node:http through the createRequire banner: snapshot, listen replayed', async () => {
    writeFileSync(
      join(dir, 'express-src.mjs'),
      `import express from 'express';
import { expressHooks } from 'snapshot-restore/http';
${HOOKS}
const app = express();
app.use(expressHooks());
app.get('/', (_req, res) => res.json({ initPid, pid: process.pid, connected }));
app.listen(Number(process.env.PORT), '127.0.0.1');
`,
    );
    await esbuild.build({
      entryPoints: [join(dir, 'express-src.mjs')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'express-bundle.mjs'),
      external: ['snapshot-restore', 'snapshot-restore/*'],
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const { code, stdout, report } = emulateBinary('express-bundle.mjs');
    expect(code, stdout).toBe(0);
    expectSnapshotServed(report);
  });

  it('a Fastify app (its libraries load node:module) awaiting its listen(): snapshot, listen replayed', () => {
    writeFileSync(
      join(dir, 'fastify-app.mjs'),
      `import Fastify from 'fastify';
import { fastifyHooks } from 'snapshot-restore/http';
${HOOKS}
const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/', async () => ({ initPid, pid: process.pid, connected }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`,
    );
    const { code, stdout, report } = emulateBinary('fastify-app.mjs');
    expect(code, stdout).toBe(0);
    expectSnapshotServed(report);
  });
});
