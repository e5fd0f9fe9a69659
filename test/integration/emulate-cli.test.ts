// `snapshot-restore emulate` through the real binary (dist/, built by `npm test`): flags, the
// JSON report, exit codes.
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runtimeAlias, tempDir } from '../helpers/bundle.js';
import { requireBuild } from '../helpers/lifecycle.js';
import { entropyCacheFlaw } from '../../emulator/snapshot/node-flaws.js';
import { runProcess } from '../helpers/hang.js';

const cli = join(repoRoot, 'dist/cli/main.js');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runProcess(process.execPath, [cli, 'emulate', ...args], { cwd: repoRoot });
  return { code: code ?? 1, stdout, stderr };
}

beforeAll(() => requireBuild());

describe('snapshot-restore emulate', () => {
  // Help and bad arguments: in-process, test/unit/cli-usage.test.ts.
  it('restores a built bundle and prints the report as JSON', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'index.mjs');
    await build({
      entryPoints: [join(repoRoot, 'fixtures/emulate/unique-ids.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      alias: runtimeAlias,
      logLevel: 'silent',
    });
    const event = join(dir, 'event.json');
    await import('node:fs').then((fs) => fs.writeFileSync(event, '{"from":"file"}'));
    const result = await run([bundle, '--restores', '2', '--invokes', '2', '--event', event, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // A versioned shape, like check --format json.
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'snapshot-restore', version: expect.any(String) });
    expect(report.node).toBe(process.version);
    expect(report.nodeWarning).toBe(entropyCacheFlaw(process.version));
    // Progress goes to stderr, one line per step.
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^snapshot-restore: bundling /),
      // A Node version with the entropy-cache flaw is named first (emulator/snapshot/node-flaws.ts).
      ...(entropyCacheFlaw(process.version) ? [`snapshot-restore: warning: ${entropyCacheFlaw(process.version)}`] : []),
      'snapshot-restore: auditing init in a plain process (every connection goes to a local sink: nothing leaves this machine)',
      expect.stringMatching(/^snapshot-restore: running init and the before-snapshot hooks, building the snapshot \(init deadline 130 s\)$/),
      expect.stringMatching(/^snapshot-restore: snapshot built in [\d.]+ s \([\d.]+ MB\)$/),
      'snapshot-restore: restore 1 of 2: starting from the snapshot',
      'snapshot-restore: restore 2 of 2: starting from the snapshot',
    ]);
    expect(report.mode).toBe('snapshot');
    expect(report.restores).toHaveLength(2);
    expect(report.restores[0].invokes).toHaveLength(2);
    expect(report.restores[1].invokes[1].payload.event).toEqual({ from: 'file' });
    expect(report.hooks.afterRestore).toEqual(['regenerateId', 'reconnect']);
    expect(report.sameValues.map((same: { looksLike: string }) => same.looksLike)).toContain('a UUID');
    expect(Array.isArray(report.lint)).toBe(true);
  });

  it('passes --env variables to the function, AWS_* ones included', async () => {
    const result = await run(['fixtures/emulate/env.ts', '--restores', '2', '--env', 'AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000', '--env', 'STAGE=a=b', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    for (const restore of report.restores) expect(restore.invokes[0].payload).toEqual({ endpoint: 'http://127.0.0.1:8000', stage: 'a=b' });
  });

  it('prints a readable report', async () => {
    const result = await run(['fixtures/emulate/unique-ids.ts', '--restores', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('a V8 startup snapshot, restored in separate processes');
    expect(result.stdout).toMatch(/before-snapshot 1\. warmUp .*\(fixtures\/emulate\/unique-ids\.ts:\d+:\d+\)/);
    expect(result.stdout).toMatch(/module initId, response\.initId = "[0-9a-f-]{36}"\s+\(a UUID\)/);
    expect(result.stdout).toContain('Lint: uniqueness findings (SR1xx)');
  });

  it('exits 1 when init leaves a handle open', async () => {
    const result = await run(['fixtures/emulate/open-server.ts']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/a server listening on 127\.0\.0\.1:\d+, created at fixtures\/emulate\/open-server\.ts:5:\d+/);
  });

  it('says when it falls back to plain processes', async () => {
    const result = await run(['fixtures/emulate/uses-https.ts', '--restores', '2', '--plain']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plain processes (fallback: no snapshot)');
  });
});
