// `check --bundle` on a bundle read alone (no metafile, no source map, away from its sources) of an
// app that serves snapshot-restore/http's hooks: the inlined snapshotHooks() is the app's lifecycle
// driver, minified or not, so SR007 does not fire; the same app without it still gets SR007.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { runCommand } from '../helpers/run-cli.js';

const withHooks = `
import { createServer } from 'node:http';
import { registerAfterRestore } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';
registerAfterRestore(function reconnect() {});
const hooks = nodeHooks();
createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  res.end('hello');
}).listen(8080);
`;
const withoutHooks = `
import { createServer } from 'node:http';
import { registerAfterRestore } from 'snapshot-restore';
registerAfterRestore(function reconnect() {});
createServer((req, res) => res.end('hello')).listen(8080);
`;

async function bundleAlone(contents: string, minify: boolean): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, sourcefile: 'app.mjs', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify,
    write: false,
    logLevel: 'silent',
  });
  const dir = tempDir('sr-http-bundle-');
  writeFileSync(join(dir, 'app.cjs'), result.outputFiles[0].text);
  return dir;
}

describe.each([false, true])('minified: %s', (minify) => {
  it('an app serving snapshot-restore/http has its driver: no SR007', async () => {
    const dir = await bundleAlone(withHooks, minify);
    const run = await runCommand(['check', '--bundle', 'app.cjs', '--format', 'json'], dir);
    const codes = JSON.parse(run.stdout).findings.map((finding: { code: string }) => finding.code);
    expect(codes).not.toContain('SR007');
  });

  it('the same app without it: SR007', async () => {
    const dir = await bundleAlone(withoutHooks, minify);
    const run = await runCommand(['check', '--bundle', 'app.cjs', '--format', 'json'], dir);
    const codes = JSON.parse(run.stdout).findings.map((finding: { code: string }) => finding.code);
    expect(codes).toContain('SR007');
  });
});

it("the hazard rules apply to a web app's init as to a handler's: SR102 for a UUID made at init", async () => {
  const dir = tempDir('sr-http-app-');
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'app.mjs'),
    `import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { registerAfterRestore } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';
const instanceId = randomUUID();
registerAfterRestore(function reconnect() {});
const hooks = nodeHooks();
createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  res.end(instanceId);
}).listen(8080);
`,
  );
  const run = await runCommand(['check', 'app.mjs', '--format', 'json'], dir);
  const findings: Array<{ code: string; location?: { line: number } }> = JSON.parse(run.stdout).findings;
  expect(findings.map((finding) => `${finding.code}:${finding.location?.line}`)).toEqual(['SR102:5']);
});
