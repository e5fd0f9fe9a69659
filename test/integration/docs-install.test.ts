// The install steps of docs/install.md, as a team without a registry follows them: both packages
// packed into the project's own vendor/ folder and installed from there, so that package.json and
// package-lock.json name only paths inside the project, and an image's `npm ci --omit=dev` with
// the manifests and vendor/ alone installs the runtime without the network. And the examples:
// they depend on the repository's own packages by paths valid inside a clone.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { requireBuild } from '../helpers/lifecycle.js';
import { runOk } from '../helpers/package-tarball.js';

const OWN = { 'snapshot-restore': 'runtime', 'snapshot-restore-tools': '.' } as const;
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const npm = (args: string[], cwd: string) => runOk('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd);

describe('docs/install.md: tarballs in the project, referenced relatively', () => {
  let project: string;
  beforeAll(async () => {
    requireBuild();
    project = join(tempDir('sr-vendor-'), 'my-function');
    mkdirSync(join(project, 'vendor'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "my-function", "private": true, "type": "module" }\n');
    // As the page says, but without the build npm pack would run first: the tests run on a built tree.
    await npm(['pack', '--workspaces', '--include-workspace-root', '--ignore-scripts', '--pack-destination', join(project, 'vendor')], repoRoot);
    await npm(['install', `./vendor/snapshot-restore-${version}.tgz`], project);
    await npm(['install', '-D', `./vendor/snapshot-restore-tools-${version}.tgz`, '--prefer-offline', '--ignore-scripts'], project);
  });

  it('package.json and the lock name vendor/ paths, and no path of this machine', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ 'snapshot-restore': `file:vendor/snapshot-restore-${version}.tgz` });
    expect(pkg.devDependencies).toEqual({ 'snapshot-restore-tools': `file:vendor/snapshot-restore-tools-${version}.tgz` });
    const lock = readFileSync(join(project, 'package-lock.json'), 'utf8');
    expect(JSON.parse(lock).packages['node_modules/snapshot-restore'].resolved).toBe(`file:vendor/snapshot-restore-${version}.tgz`);
    for (const text of [JSON.stringify(pkg), lock]) {
      expect(text).not.toContain(repoRoot);
      expect(text).not.toContain(resolve(tmpdir()));
    }
    expect(existsSync(join(project, 'node_modules/.bin/snapshot-restore'))).toBe(true);
  });

  it("an image's `npm ci --omit=dev` with the manifests and vendor/ installs the runtime alone, offline", async () => {
    const image = tempDir('sr-image-');
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(project, file), join(image, file));
    cpSync(join(project, 'vendor'), join(image, 'vendor'), { recursive: true });
    await npm(['ci', '--omit=dev', '--offline'], image);
    expect(readdirSync(join(image, 'node_modules')).filter((e) => !e.startsWith('.'))).toEqual(['snapshot-restore']);
  });
});

describe("the examples install the repository's own packages", () => {
  const examples = readdirSync(join(repoRoot, 'examples')).filter((name) => existsSync(join(repoRoot, 'examples', name, 'package.json')));

  it('by file: paths that name those packages inside a clone, never by a version', () => {
    const wrong: string[] = [];
    for (const name of examples) {
      const pkg = JSON.parse(readFileSync(join(repoRoot, 'examples', name, 'package.json'), 'utf8'));
      for (const deps of [pkg.dependencies ?? {}, pkg.devDependencies ?? {}]) {
        for (const [dep, folder] of Object.entries(OWN)) {
          if (!(dep in deps)) continue;
          const spec = String(deps[dep]);
          const target = spec.startsWith('file:') ? resolve(repoRoot, 'examples', name, spec.slice('file:'.length)) : undefined;
          if (target !== resolve(repoRoot, folder)) wrong.push(`examples/${name}: ${dep} ${spec}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(examples.length).toBeGreaterThan(10);
  });

  it('npm resolves one in a clone: both own packages linked from the repository', async () => {
    // A clone's layout: the repository's top level, with one example copied into examples/.
    const clone = tempDir('sr-clone-');
    for (const entry of readdirSync(repoRoot)) if (entry !== 'examples' && entry !== '.git') symlinkSync(join(repoRoot, entry), join(clone, entry));
    const dir = join(clone, 'examples/esbuild-esm');
    cpSync(join(repoRoot, 'examples/esbuild-esm'), dir, { recursive: true, filter: (path) => !/[\\/](node_modules|dist)$/.test(path) });
    // The lock only: npm resolves every dependency and links, and writes nothing else.
    await npm(['install', '--package-lock-only', '--prefer-offline', '--ignore-scripts'], dir);
    const packages = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages;
    expect(packages['node_modules/snapshot-restore']).toMatchObject({ resolved: '../../runtime', link: true });
    expect(packages['node_modules/snapshot-restore-tools']).toMatchObject({ resolved: '../..', link: true });
    expect(packages['../../runtime']).toMatchObject({ name: 'snapshot-restore', version });
    expect(packages['../..']).toMatchObject({ name: 'snapshot-restore-tools', version });
  });
});
