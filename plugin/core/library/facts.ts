// What a library's own code does, read from its installed files: whether it opens outbound
// sockets (net/tls/dgram/http2 connections, http(s) requests, WebSocket, fetch, undici) and
// whether it draws randomness (Math.random, crypto's random functions). The uniqueness lint
// asks this of the packages whose clients and factories the user keeps at init, so that a
// library nobody listed in a table is judged by what it does, not by its name.
//
// A cheap scan: a pattern over the package's JavaScript files (never parsed), stopping at the
// first hit and after a byte budget, cached per package directory for the life of the process.
// A package that opens no socket itself but depends on one that does (a queue over a Redis
// client) opens sockets through it: its `dependencies` are scanned too, two levels deep.
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

export interface LibraryFacts {
  /** The package name and where it is installed. */
  name: string;
  dir: string;
  /** Its code (or a dependency's) opens outbound connections. */
  sockets: boolean;
  /** Its sockets are only the AWS SDK's (its own code opens none): requests the SDK retries on a stale socket. */
  awsSdk?: boolean;
  /** Its code (or a dependency's) draws randomness. */
  random: boolean;
  /** Its own code arms timers (setTimeout / setInterval). */
  timers: boolean;
  /** Its code (or a dependency's) reads the clock (Date.now(), new Date()). */
  clock: boolean;
  /** Its own code reads environment variables by a computed name (`process.env[name]`, `from(process.env)`). */
  env: boolean;
}

/** Outbound socket APIs as libraries write them, ES modules and compiled TypeScript alike
 *  (`net.connect(`, `(0, net_1.connect)(`, `https.request(`, `new WebSocket(`), and the global
 *  fetch kept to call later (`this.fetchFn = fetch ?? globalThis.fetch`). */
const SOCKET =
  /\b(?:net|tls|http2)(?:_\d+)?(?:\.default)?\)?\s*\.\s*(?:connect|createConnection)\s*\(|\bnew\s+(?:net(?:_\d+)?\.)?Socket\s*\(|\bhttps?(?:_\d+)?(?:\.default)?\)?\.(?:request|get)\s*\(|\bnew\s+WebSocket\s*\(|\bdgram(?:_\d+)?(?:\.default)?\)?\.createSocket\s*\(|(?<![\w$.]|function\s|async\s)fetch\s*\(|\b(?:globalThis|global|self)\.fetch\b|(?:require\s*\(\s*|from\s*|import\s*\(\s*)['"](?:node:)?(?:net|tls|undici)['"]/;
const RANDOM = /\bMath\.random\s*\(|\brandom(?:Bytes|UUID|Int|FillSync|Fill)\s*\(|\bgetRandomValues\s*\(/;
const TIMERS = /\bset(?:Timeout|Interval)\s*\(/;
/** `process.env[name]`, or the whole environment handed on (`from(process.env)`), not one fixed variable. */
const ENV = /\bprocess\.env\b(?!\s*\.\s*[\w$])(?!\s*\[\s*['"`])/;
const CLOCK = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|\bperformance\.now\s*\(/;

/** The AWS SDK's own packages. */
const AWS_SDK = /^@(?:aws-sdk|smithy)\//;
const SKIPPED_DIRS = new Set(['node_modules', 'test', 'tests', '__tests__', 'example', 'examples', 'docs', 'doc', 'bench', 'benchmark', 'coverage', '.github']);
const SCANNED = /\.(?:c|m)?js$/;
/** Bytes read per package at most: a scan must stay cheap on a 20 MB SDK. */
const BUDGET = 8 * 1024 * 1024;
const BUILTINS = new Set(builtinModules);

const byDir = new Map<string, LibraryFacts>();
const dirs = new Map<string, string | undefined>();

/** The package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`), or undefined for
 *  relative paths and Node.js built-ins. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]!)) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return /^(?:@[\w.-]+\/)?[\w.-]+$/.test(name) ? name : undefined;
}

/** Where `name` is installed as seen from `fromDir` (node_modules up the tree), or undefined. */
function packageDir(name: string, fromDir: string): string | undefined {
  const key = `${fromDir}\0${name}`;
  if (dirs.has(key)) return dirs.get(key);
  let found: string | undefined;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) {
      found = candidate;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  dirs.set(key, found);
  return found;
}

/** What the package `name`, installed where `fromFile` would import it from, does; undefined
 *  when it is not installed there (a test's imaginary path, a bundle copied away). */
export function libraryFacts(name: string, fromFile: string): LibraryFacts | undefined {
  const dir = packageDir(name, path.dirname(fromFile));
  return dir ? factsOf(name, dir, 0) : undefined;
}

function factsOf(name: string, dir: string, depth: number): LibraryFacts {
  const known = byDir.get(dir);
  if (known) return known;
  const facts: LibraryFacts = { name, dir, sockets: false, random: false, timers: false, clock: false, env: false };
  // Set before the scan: a dependency cycle ends here.
  byDir.set(dir, facts);
  scan(dir, facts);
  // What a dependency does, the package does through it: a socket, a draw (csrf's secrets come
  // from uid-safe), a clock read. (Timers stay the package's own: a dependency's may never be armed.)
  const own = facts.sockets;
  let others = false;
  if (AWS_SDK.test(name)) facts.awsSdk = facts.sockets;
  else if (depth < 2 && !(facts.sockets && facts.random && facts.clock)) {
    for (const dependency of dependenciesOf(dir)) {
      const installed = packageDir(dependency, dir);
      if (!installed) continue;
      const more = factsOf(dependency, installed, depth + 1);
      if (more.sockets && !more.awsSdk) others = true;
      facts.sockets ||= more.sockets;
      facts.random ||= more.random;
      facts.clock ||= more.clock;
      if (others && facts.random && facts.clock) break;
    }
    facts.awsSdk = facts.sockets && !own && !others;
  }
  return facts;
}

function dependenciesOf(dir: string): string[] {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    // A peer is what the package drives (amqp-connection-manager over amqplib): its sockets are the package's.
    return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
  } catch {
    return [];
  }
}

function scan(dir: string, facts: LibraryFacts): void {
  let budget = BUDGET;
  const pending = [dir];
  const done = (): boolean => facts.sockets && facts.random && facts.timers && facts.clock && facts.env;
  while (pending.length > 0 && budget > 0 && !done()) {
    const current = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(path.join(current, entry.name));
        continue;
      }
      if (!entry.isFile() || !SCANNED.test(entry.name) || entry.name.endsWith('.min.js')) continue;
      let text: string;
      try {
        text = fs.readFileSync(path.join(current, entry.name), 'utf8');
      } catch {
        continue;
      }
      budget -= text.length;
      if (!facts.sockets && SOCKET.test(text)) facts.sockets = true;
      if (!facts.random && RANDOM.test(text)) facts.random = true;
      if (!facts.timers && TIMERS.test(text)) facts.timers = true;
      if (!facts.clock && CLOCK.test(text)) facts.clock = true;
      if (!facts.env && ENV.test(text)) facts.env = true;
      if (done() || budget <= 0) return;
    }
  }
}
