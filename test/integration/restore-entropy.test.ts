// Node's crypto caches across a real snapshot (a V8 startup snapshot, as emulate takes): a
// process that drew from randomUUID()'s and randomInt()'s caches before the snapshot, started
// twice from it. Without the renewal both starts hand out what was cached (on the Node versions
// with the flaw, emulator/snapshot/node-flaws.ts); with it, the two starts never agree.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { entropyCacheFlaw } from '../../emulator/snapshot/node-flaws.js';
import { tempDir } from '../helpers/bundle.js';

const PROGRAM = `
import { randomInt, randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import { renewEntropyCaches } from './runtime/lifecycle/entropy.ts';
randomUUID();
randomInt(1000);
v8.startupSnapshot.setDeserializeMainFunction(() => {
  if (process.env.RENEW === '1') renewEntropyCaches();
  process.stdout.write(JSON.stringify({ uuids: [randomUUID(), randomUUID()], ints: [randomInt(2 ** 47), randomInt(2 ** 47)] }));
});
`;

let blob: string;

beforeAll(async () => {
  const dir = tempDir('sr-entropy-');
  const script = join(dir, 'program.cjs');
  await build({ stdin: { contents: PROGRAM, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
  blob = join(dir, 'snapshot.blob');
  const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', script], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});

function start(renew: boolean): { uuids: string[]; ints: number[] } {
  const run = spawnSync(process.execPath, ['--snapshot-blob', blob], { encoding: 'utf8', env: { ...process.env, RENEW: renew ? '1' : '0' } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('the entropy caches across a snapshot', () => {
  it('with the renewal, two starts from one snapshot draw different UUIDs and integers', () => {
    const [a, b] = [start(true), start(true)];
    expect(a.uuids.filter((uuid) => b.uuids.includes(uuid))).toEqual([]);
    expect(a.ints).not.toEqual(b.ints);
  });

  it.runIf(entropyCacheFlaw(process.version) !== undefined)('without it, on a Node version with the flaw, they draw the same', () => {
    const [a, b] = [start(false), start(false)];
    expect(a.uuids).toEqual(b.uuids);
    expect(a.ints).toEqual(b.ints);
  });
});
