// SST's `hook.postbuild(dir)`: runs `snapshot-restore check` on each bundle SST built into `dir`.
// A finding throws, which stops `sst deploy` with the check's report as the error.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The JavaScript files of a build folder (not source maps, not node_modules). */
function bundlesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.[cm]?js$/.test(file) && !file.split(/[\\/]/).includes('node_modules'))
    .map((file) => join(dir, file));
}

export async function checkSnapStart(dir: string): Promise<void> {
  for (const bundle of bundlesIn(dir)) {
    // SST deploys zips on nodejs2x.x, which cannot turn SnapStart on: check warns so (SR007) and
    // fails on errors (a hook that can never run). For SnapStart, see examples/container-nodejs.
    const check = spawnSync('npx', ['snapshot-restore', 'check', '--bundle', bundle], { encoding: 'utf8' });
    if (check.status !== 0) {
      throw new Error(`snapshot-restore check failed for ${bundle}:\n${check.stdout}${check.stderr}`);
    }
  }
}
