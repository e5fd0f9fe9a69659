// `emulate --platform` gives the app a port (PORT). Choosing a free port, closing it and letting
// the app bind it later is a race: another process may take it in between, and the app then fails
// with EADDRINUSE (or, worse, the platform's calls reach the other process). So emulate keeps the
// port bound from its choice on, and the process started from the snapshot inherits that listening
// socket: the listen() init made on the port it was given is replayed on the inherited socket. A
// plain process (no snapshot) inherits it too, and a preload (listen-preload.ts) makes its first
// listen() on that port take it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The listen() arguments to replay: a listen on `port` (a number, a numeric string, or options with
 * that port) becomes a listen on the inherited socket `fd`, keeping its callback and, for options,
 * the settings that are not where to bind. Any other listen is replayed as it was.
 */
export function onInheritedSocket(args: unknown[], port: number, fd: number): unknown[] {
  const [first] = args;
  const callbacks = args.filter((arg) => typeof arg === 'function');
  if ((typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) && Number(first) === port) return [{ fd }, ...callbacks];
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const { port: asked, host: _host, path: _path, ...rest } = first as Record<string, unknown>;
    if (asked !== undefined && Number(asked) === port) return [{ ...rest, fd }, ...callbacks];
  }
  return args;
}

/**
 * The preload (listen-preload.ts) for `node --import`, as a file URL: the compiled module (dist/)
 * or, when running from the sources (tests), that module bundled by esbuild into `dir`.
 */
export async function handOffPreload(dir: string): Promise<string> {
  const compiled = new URL('./listen-preload.js', import.meta.url);
  if (existsSync(compiled)) return compiled.href;
  const { bundleEntry } = await import('../../plugin/esbuild/bundle-entry.js');
  const file = join(dir, 'listen-preload.mjs');
  const { outputFiles } = await bundleEntry(
    { entryPoints: [fileURLToPath(new URL('./listen-preload.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: file },
    'the listen hand-off preload',
  );
  writeFileSync(file, outputFiles[0]?.text ?? '');
  return pathToFileURL(file).href;
}
