// `check --bundle <file> [--metafile <file>]`: the command-line side of checking an already built
// bundle (reading the files the user named, and their errors); the analysis is the plugin's core
// (plugin/core/bundle/check-bundle.ts), which any adapter reaches without the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundleCheckError, checkBundle as checkBuiltBundle, decoratorModeFromTsconfig, type BuildMetafile } from '../../plugin/core/index.js';
import type { AnalysisRequest } from './options.js';
import type { AnalysisResult } from './result.js';
import { moduleFormatOf } from './module-format.js';
import { UsageError } from '../usage-error.js';

/** `file` as the user gave it (relative to `cwd`). */
function readMetafile(file: string, cwd: string): BuildMetafile {
  if (!fs.existsSync(path.resolve(cwd, file))) throw new UsageError(`metafile not found: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw new UsageError(`metafile ${file} is not JSON: ${(error as Error).message}`);
  }
  const meta = json as Partial<BuildMetafile> | null;
  if (!meta || typeof meta.inputs !== 'object' || typeof meta.outputs !== 'object' || !meta.inputs || !meta.outputs) {
    throw new UsageError(`metafile ${file} is not an esbuild metafile (no "inputs" and "outputs")`);
  }
  return meta as BuildMetafile;
}

export function checkBundle(request: AnalysisRequest): AnalysisResult {
  const bundle = path.resolve(request.cwd, request.bundle!);
  if (!fs.existsSync(bundle)) throw new UsageError(`bundle not found: ${request.bundle}`);
  if (!fs.statSync(bundle).isFile()) throw new UsageError(`bundle is not a file: ${request.bundle}`);
  const metafile = request.metafile ? readMetafile(request.metafile, request.cwd) : undefined;
  const tsconfig = request.tsconfig && path.resolve(request.cwd, request.tsconfig);
  try {
    const result = checkBuiltBundle({
      bundle,
      workingDir: request.workingDir,
      format: request.moduleFormat ?? moduleFormatOf(bundle),
      decorators: decoratorModeFromTsconfig(request.workingDir, tsconfig),
      options: request.plugin,
      ...(metafile ? { metafile } : {}),
      ...(tsconfig ? { tsconfig } : {}),
    });
    return { findings: result.findings, ...(result.manifest ? { manifest: result.manifest } : {}), checked: result.checked, limitations: result.limitations };
  } catch (error) {
    if (error instanceof BundleCheckError) throw new UsageError(error.message);
    throw error;
  }
}
