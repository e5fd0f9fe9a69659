// `emulate --html`: one self-contained page, opened in a real browser (headless Chromium, which
// .ci/run installs): the rendered text has the timeline, the hooks in order, the shared values and
// the lint's findings, nothing is fetched, and a screenshot is saved (.tmp/emulate-html/report.png).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { requireBuild } from '../helpers/lifecycle.js';
import { runProcess } from '../helpers/hang.js';

const chromium = process.env.CHROMIUM ?? 'chromium';
const cli = join(repoRoot, 'dist/cli/main.js');

async function exec(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runProcess(command, args, { cwd: repoRoot });
  return { code: code ?? 1, stdout, stderr };
}

const browser = (...args: string[]) => exec(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...args]);

/** The text a reader sees: the DOM Chromium rendered, without its markup and styles. */
function visibleText(dom: string): string {
  return dom
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('emulate --html', () => {
  let page: string;
  beforeAll(async () => {
    requireBuild();
    page = join(tempDir(), 'report.html');
    const result = await exec(process.execPath, [cli, 'emulate', 'fixtures/emulate/unique-ids.ts', '--restores', '2', '--html', page, '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('report written to');
  });

  it('is one file that fetches nothing', () => {
    const html = readFileSync(page, 'utf8');
    // Nothing that loads: a rule page's URL in a finding's text fetches nothing.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|\bsrc=|@import|url\(/i);
  });

  it('renders the lifecycle as a timeline, the hooks in order, the shared values and the lint findings', async () => {
    const result = await browser('--dump-dom', pathToFileURL(page).href);
    expect(result.code, result.stderr).toBe(0);
    const text = visibleText(result.stdout);
    expect(text).toMatch(/snapshot-restore emulate fixtures\/emulate\/unique-ids\.ts a V8 startup snapshot, restored in separate processes · v\d+\.\d+\.\d+ · 2 of 2 restores/);
    // The timeline, in the order things happened, each with its duration.
    const order = [
      'bundle',
      'init',
      'before-snapshot: warmUp',
      'snapshot written',
      'restore 1: start → /restore/next',
      'restore 1: after-restore: regenerateId',
      'restore 1: after-restore: reconnect',
      'restore 1: invoke 1',
      'restore 2: start → /restore/next',
      'restore 2: invoke 1',
    ];
    const positions = order.map((label) => text.indexOf(` ${label} `));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toMatch(/ restore 2: invoke 1 [\d.]+ ms /);
    // The hooks in the order they ran, at their sources.
    expect(text).toMatch(
      /before-snapshot 1 warmUp fixtures\/emulate\/unique-ids\.ts:16:1 [\d.]+ ms ok after-restore 1 regenerateId fixtures\/emulate\/unique-ids\.ts:20:1 .* after-restore 2 reconnect fixtures\/emulate\/unique-ids\.ts:25:1/,
    );
    expect(text).toMatch(/module initId, response\.initId [0-9a-f-]{36} a UUID/);
    expect(text).toMatch(/Lint findings code where finding SR102 fixtures\/emulate\/unique-ids\.ts:\d+:\d+ \[SR102\]/);
  });

  it('saves a screenshot', async () => {
    const dir = join(repoRoot, '.tmp/emulate-html');
    mkdirSync(dir, { recursive: true });
    const png = join(dir, 'report.png');
    const result = await browser('--window-size=1000,900', `--screenshot=${png}`, pathToFileURL(page).href);
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(statSync(png).size).toBeGreaterThan(10_000);
  });
});
