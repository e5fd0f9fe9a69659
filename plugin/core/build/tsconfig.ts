// Which decorator semantics the bundler applies, read from the tsconfig the build uses with its
// `extends` chain followed (files, and package bases such as @tsconfig/node20): get-tsconfig
// finds, reads and merges the files the way TypeScript does. The inputs are esbuild's: an
// explicit `tsconfig` file, else the nearest tsconfig.json at or above the working directory;
// a `tsconfigRaw` replaces both, and esbuild resolves its `extends` from the working directory.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { getTsconfig, parseTsconfig, type TsConfigJson } from 'get-tsconfig';

export type DecoratorMode = 'tc39' | 'legacy';

/** `legacy` when the tsconfig the build uses turns on experimentalDecorators. */
export function decoratorModeFromTsconfig(workingDir: string, tsconfig?: string, tsconfigRaw?: unknown): DecoratorMode {
  return compilerOptions(workingDir, tsconfig, tsconfigRaw)?.experimentalDecorators ? 'legacy' : 'tc39';
}

function compilerOptions(workingDir: string, tsconfig?: string, tsconfigRaw?: unknown): TsConfigJson.CompilerOptions | undefined {
  try {
    if (tsconfigRaw !== undefined) {
      const raw = (typeof tsconfigRaw === 'string' ? parseJsonc(tsconfigRaw) : tsconfigRaw) as TsConfigJson | undefined;
      return raw && rawCompilerOptions(raw, workingDir);
    }
    if (tsconfig) return parseTsconfig(path.resolve(workingDir, tsconfig)).compilerOptions;
    return getTsconfig(workingDir)?.config.compilerOptions;
  } catch {
    // An unreadable config or a base that is not installed: esbuild's default, TC39 decorators.
    return undefined;
  }
}

/** A raw config has no file for get-tsconfig to start from: its bases are parsed one by one. */
function rawCompilerOptions(raw: TsConfigJson, workingDir: string): TsConfigJson.CompilerOptions {
  const bases = [raw.extends ?? []].flat().map((spec) => parseTsconfig(locateBase(spec, workingDir)).compilerOptions);
  return Object.assign({}, ...bases, raw.compilerOptions);
}

/** Where an `extends` entry points: a path, or a package's config file (`pkg/tsconfig.json` for a bare name). */
function locateBase(spec: string, dir: string): string {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const file = path.resolve(dir, spec);
    return fs.existsSync(file) ? file : `${file}.json`;
  }
  const require = createRequire(path.join(dir, 'package.json'));
  const candidates = spec.endsWith('.json') ? [spec] : [`${spec}/tsconfig.json`, `${spec}.json`];
  for (const candidate of candidates) {
    try {
      return require.resolve(candidate);
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`tsconfig base not found: ${spec}`);
}

/** tsconfigRaw as a string: JSON with comments and trailing commas, as in a tsconfig file. */
function parseJsonc(text: string): unknown {
  try {
    const stripped = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '');
    return JSON.parse(stripped.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}
