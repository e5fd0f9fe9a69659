// The recipes for the two HTTP platforms, built and run as far as this machine allows: no Docker
// engine, so each Dockerfile is read for what the image would run (its ENV and CMD, the adapter it
// copies), and the app runs with that environment, driven by `emulate --platform` through the
// platform's documented sequence on a real V8 startup snapshot of its init.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/bundle.js';
import { emulatePlatform, hooksOf, lwaSnapshotSteps, served, steps } from '../helpers/platform-emulate.js';
import { repoRoot, runCommand } from '../helpers/run-cli.js';

interface Image {
  from: string[];
  copiesFrom: string[];
  env: Record<string, string>;
  cmd: string[];
}

/** The instructions that decide what runs: FROM, COPY --from, ENV (both forms, with continuations), CMD (exec form). */
function readDockerfile(file: string): Image {
  const text = readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
  const image: Image = { from: [], copiesFrom: [], env: {}, cmd: [] };
  for (const line of text.split('\n').map((l) => l.trim())) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (instruction === 'FROM') image.from.push(args);
    if (instruction === 'COPY' && args.startsWith('--from=')) image.copiesFrom.push(args);
    if (instruction === 'ENV') for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S*)/g)) image.env[match[1]] = match[2];
    if (instruction === 'CMD') image.cmd = JSON.parse(args) as string[];
  }
  return image;
}

const envFlags = (env: Record<string, string>) => Object.entries(env).flatMap(([name, value]) => (name === 'PORT' || name === 'AWS_LWA_PORT' ? [] : ['--env', `${name}=${value}`]));

describe('examples/lwa-express', () => {
  const dir = join(repoRoot, 'examples/lwa-express');
  const image = readDockerfile(join(dir, 'Dockerfile'));

  it('its Dockerfile copies Lambda Web Adapter >= 1.1.0 as an extension and sets both hook paths', () => {
    const adapter = image.copiesFrom.find((copy) => copy.includes('aws-lambda-adapter:'));
    expect(adapter).toMatch(/\/lambda-adapter \/opt\/extensions\/lambda-adapter$/);
    const [major, minor] = /aws-lambda-adapter:(\d+)\.(\d+)/
      .exec(adapter ?? '')!
      .slice(1)
      .map(Number);
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(1001);
    expect(image.env.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH).toMatch(/^\//);
    expect(image.env.AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH).toMatch(/^\//);
    expect(image.cmd).toEqual(['node', 'app.mjs']);
  });

  it("runs through the adapter's SnapStart sequence with the image's environment", async () => {
    const { code, report, stdout } = await emulatePlatform(dir, image.cmd[1], 'lwa', '--invokes', '2', ...envFlags(image.env));
    expect(code, stdout).toBe(0);
    expect(steps(report)).toEqual(lwaSnapshotSteps(2));
    expect(hooksOf(report, 'before-checkpoint')).toEqual(['closeConnections']);
    expect(hooksOf(report, 'after-restore')).toEqual(['reconnect', 'newInstanceId']);
    // A real V8 snapshot of init: app.listen() was recorded in the build and replayed after the restore.
    expect(report.mode).toBe('snapshot');
    expect(report.modeReason).toMatch(/createServer\(…\)\.listen\(\d+, "127\.0\.0\.1", \[function \w*\]\) at app\.mjs:\d+:\d+ replayed/);
    // instanceId is made again after the restore: the two requests of one restored process agree,
    // and neither is the value init made in the build (which no request can see).
    const ids = served(report).map((answer) => answer.instanceId);
    expect(new Set(ids).size).toBe(1);
  });

  it('the text report shows each call, its hooks and timings, and exits 1 when a phase fails', async () => {
    const ok = await runCommand(['emulate', 'app.mjs', '--platform', 'lwa', '--quiet', ...envFlags(image.env)], dir);
    expect(ok.stdout).toMatch(/before-checkpoint +\/_snapshot\/before-checkpoint +200 +[\d.]+ ms \[in the build\]\n +✓ closeConnections \(app\.mjs:\d+:\d+\) [\d.]+ ms/);
    expect(ok.stdout).toMatch(/after-restore +\/_snapshot\/after-restore +200 +[\d.]+ ms \[restored\]\n +✓ reconnect \(app\.mjs:\d+:\d+\)/);
    // Outside SnapStart the app refuses the hook (403), and the adapter would fail the phase.
    const refused = await runCommand(['emulate', 'app.mjs', '--platform', 'lwa', '--quiet', ...envFlags(image.env), '--env', 'AWS_LAMBDA_INITIALIZATION_TYPE=on-demand'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/before-checkpoint .* 403 .*\[in the build\]/);
    expect(refused.stdout).toContain('is not under SnapStart');
  });
});

describe('examples/microvm-hono', () => {
  const dir = join(repoRoot, 'examples/microvm-hono');
  const image = readDockerfile(join(dir, 'Dockerfile'));

  it('its image declares the MicroVM platform and starts the app', () => {
    expect(image.env.SNAPSHOT_RESTORE_PLATFORM).toBe('microvm');
    expect(image.cmd.at(-1)).toBe('app.mjs');
  });

  it("runs through MicroVMs' hooks: ready, validate, run with the payload, suspend and terminate twice, each hook once", async () => {
    const payload = join(tempDir('sr-microvm-'), 'payload.json');
    writeFileSync(payload, JSON.stringify({ tenant: 'acme' }));
    const { code, report, stdout } = await emulatePlatform(dir, 'app.mjs', 'microvm', '--event', payload, '--env', 'HOST=127.0.0.1', ...envFlags(image.env));
    expect(code, stdout).toBe(0);
    const calls = report.calls;
    // @hono/node-server reads and redefines globalThis.Request and Response at init: a snapshot on every Node version.
    expect(report.mode, report.modeReason).toBe('snapshot');
    expect(calls.map((call) => `${call.call} ${call.status}`)).toEqual([
      'ready 200',
      'snapshot done',
      'restore done',
      'validate 200',
      'run 200',
      'request 200',
      'suspend 200',
      'suspend 200',
      'resume 200',
      'request 200',
      'terminate 200',
      'terminate 200',
    ]);
    // The app's background init may still run when the platform first asks: 503, asked again.
    expect(calls[0].attempts).toBeGreaterThanOrEqual(1);
    const at = (index: number) => calls[index];
    const names = (index: number) => at(index).hooks.map((hook) => hook.name);
    expect(names(0)).toEqual(['closeConnections']);
    expect(names(4)).toEqual(['reconnect', 'perVmState']);
    expect(names(6)).toEqual(['closeConnections']);
    // The suspend sent again gets the first one's outcome: the hooks did not run a second time.
    expect(at(7).hooks).toEqual([]);
    expect(at(11).hooks).toEqual([]);
    expect(at(7).note).toContain('no hook ran again');
    expect(names(8)).toEqual(['reconnect', 'perVmState']);
    // The tenant came in run's payload, after the restore: never in the image's snapshot.
    expect(JSON.parse(at(5).note ?? '{}')).toMatchObject({ tenant: 'acme', connected: true });
  });
});
