// The docs site as a reader gets it: `vitepress build` of README.md and docs/ (the same command as
// `npm run docs:build`, into a scratch folder), served on loopback and opened in headless Chromium
// (which .ci/run installs). A page of the site loads every other page in an iframe and posts back
// each page's links and element ids: every link inside the site reaches a page, every anchor an
// element of it, and every link to the repository (what the site makes of links to files that
// are not pages) names a file this checkout has. Then a screenshot of a page, kept as
// .tmp/docs-site/site.png (docs/site.png is a copy of one).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/bundle.js';
// @ts-expect-error: a plain .mjs script without types
import { anchorsOf } from '../../scripts/docs/slug.mjs';

const chromium = process.env.CHROMIUM ?? 'chromium';
const repository = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { homepage: string }).homepage.replace(/#.*$/, '');

interface PageReport {
  page: string;
  links: string[];
  ids: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Every page the build wrote, as a site path (`/docs/hooks.html`). */
function pagesOf(out: string, dir = out): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = join(dir, entry);
    if (statSync(file).isDirectory()) return entry === 'assets' ? [] : pagesOf(out, file);
    return entry.endsWith('.html') && entry !== '404.html' ? [`/${relative(out, file)}`] : [];
  });
}

// Loads each page in an iframe, one after the other, and posts what it found.
const CRAWLER = `<!doctype html><body><iframe id="f" style="width:1200px;height:800px"></iframe><script>
(async () => {
  const pages = await (await fetch('/__pages')).json();
  const frame = document.getElementById('f');
  const reports = [];
  for (const page of pages) {
    await new Promise((loaded) => { frame.onload = loaded; frame.src = page; });
    const doc = frame.contentDocument;
    reports.push({ page, links: [...doc.querySelectorAll('a[href]')].map((a) => a.href), ids: [...doc.querySelectorAll('[id]')].map((e) => e.id) });
  }
  await fetch('/__result', { method: 'POST', body: JSON.stringify(reports) });
})();
</script></body>`;

let out: string;
let server: Server;
let origin: string;
let reports: PageReport[];
const browsers: ChildProcess[] = [];

function serve(root: string, onResult: (body: string) => void): Promise<Server> {
  const pages = pagesOf(root);
  const http = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__crawl.html') return void response.writeHead(200, { 'content-type': 'text/html' }).end(CRAWLER);
    if (url.pathname === '/__pages') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages));
    if (url.pathname === '/__result') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        response.end();
        onResult(body);
      });
      return;
    }
    const file = join(root, decodeURIComponent(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((listening) => http.listen(0, '127.0.0.1', () => listening(http)));
}

function browser(args: string[]): ChildProcess {
  const child = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${tempDir('sr-chromium-')}`, ...args], { stdio: 'ignore' });
  browsers.push(child);
  return child;
}

beforeAll(async () => {
  out = tempDir('sr-docs-site-');
  const build = await new Promise<{ code: number; output: string }>((done) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'node_modules/vitepress/bin/vitepress.js'), 'build', 'docs', '--outDir', out],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? 1 : 0, output: stdout + stderr }),
    );
  });
  expect(build.code, build.output).toBe(0);
  let received!: (body: string) => void;
  const result = new Promise<string>((resolve) => (received = resolve));
  server = await serve(out, received);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser([`${origin}/__crawl.html`]);
  reports = JSON.parse(await result) as PageReport[];
});

afterAll(async () => {
  for (const child of browsers) if (child.exitCode === null) child.kill();
  await new Promise((closed) => server?.close(closed));
});

describe('the docs site', () => {
  it('has the README as its home page, a page per docs/ page and a page per rule', () => {
    const pages = reports.map((r) => r.page);
    expect(pages).toContain('/index.html');
    for (const file of readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md'))) expect(pages).toContain(`/docs/${file.replace(/\.md$/, '.html')}`);
    for (const file of readdirSync(join(repoRoot, 'docs/rules')).filter((f) => f.endsWith('.md'))) expect(pages).toContain(`/docs/rules/${file.replace(/\.md$/, '.html')}`);
  });

  it('every link inside the site reaches a page, and every anchor an element of it', () => {
    const ids = new Map(reports.map((r) => [r.page, new Set(r.ids)]));
    const broken: string[] = [];
    for (const report of reports) {
      for (const link of report.links.filter((l) => l.startsWith(origin))) {
        const url = new URL(link);
        const page = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
        if (page.startsWith('/assets/')) continue;
        const target = ids.get(page);
        if (!target) broken.push(`${report.page}: ${url.pathname} is no page`);
        else if (url.hash && !target.has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${report.page}: ${url.pathname}${url.hash} has no such anchor`);
      }
    }
    expect(broken).toEqual([]);
    expect(reports.flatMap((r) => r.links).filter((l) => l.startsWith(origin)).length).toBeGreaterThan(100);
  });

  it('every link to the repository names a file (and an anchor) this checkout has', () => {
    const broken: string[] = [];
    const links = reports.flatMap((r) => r.links.filter((l) => l.startsWith(`${repository}/`)).map((l) => [r.page, l] as const));
    for (const [page, link] of links) {
      const [, kind, file, anchor] = /^[^#]*?\/(blob|tree)\/main\/([^#]*)(?:#(.*))?$/.exec(link) ?? [];
      if (!file) {
        broken.push(`${page}: ${link}`);
        continue;
      }
      const path = join(repoRoot, decodeURIComponent(file));
      if (!existsSync(path) || statSync(path).isDirectory() !== (kind === 'tree')) broken.push(`${page}: ${link} (no such ${kind === 'tree' ? 'folder' : 'file'})`);
      else if (anchor) {
        const markdown = kind === 'tree' ? join(path, 'README.md') : path;
        if (!anchorsOf(readFileSync(markdown, 'utf8')).includes(anchor)) broken.push(`${page}: ${link} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
    expect(links.length).toBeGreaterThan(10);
  });

  it('links elsewhere only over https', () => {
    const other = reports.flatMap((r) => r.links).filter((l) => !l.startsWith(origin) && !l.startsWith(`${repository}`));
    expect(other.filter((l) => !l.startsWith('https://'))).toEqual([]);
  });

  it('renders in Chromium: a screenshot', async () => {
    const dir = join(repoRoot, '.tmp/docs-site');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'site.png');
    const child = browser(['--window-size=1280,860', `--screenshot=${file}`, `${origin}/docs/hooks.html`]);
    const code = await new Promise<number | null>((exited) => child.on('exit', exited));
    expect(code).toBe(0);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 860]);
  });
});
