// The held-out differential set (test/peers/held-out, written by hands that never worked on the
// bootstrap): every case runs under the bootstrap and under aws-lambda-ric 4 on one fake Runtime
// API each; the bootstrap may be the same as ric or better, never worse.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

it('the bootstrap is worse than aws-lambda-ric in none of the held-out cases', async () => {
  const stdout = await new Promise<string>((done, fail) =>
    execFile(
      process.execPath,
      [join(import.meta.dirname, 'held-out/run.mjs'), join(root, 'runtime/dist/esm/bootstrap.js'), '--json', '--node', process.execPath],
      { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)),
    ),
  );
  const report = JSON.parse(stdout) as { cases: number; counts: Record<string, number>; results: Array<{ name: string; cls: string; bootstrap: string; ric: string }> };
  expect(report.cases).toBeGreaterThan(80);
  expect(report.results.filter((r) => r.cls === 'WORSE').map((r) => `${r.name}: bootstrap ${r.bootstrap}, ric ${r.ric}`)).toEqual([]);
}, 660_000);
