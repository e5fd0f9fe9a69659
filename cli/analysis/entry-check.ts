// `check <entry...>`: bundle the entries in memory with esbuild (nothing is written), then run
// the plugin's whole-build check on the build's metafile. The runtime package itself is left
// external: the check reads how the code imports it, not its code, and this way a project
// need not have it installed to be checked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { checkBuild, decoratorModeFromTsconfig, type BuildFinding, type Manifest } from '../../plugin/core/index.js';
import type { AnalysisRequest } from './options.js';
import type { AnalysisResult } from './result.js';
import { describeBuildErrors, isBuildFailure } from './esbuild-error.js';
import { moduleFormatOf, type ModuleFormat } from './module-format.js';
import { UsageError } from '../usage-error.js';

const RUNTIME_EXTERNALS = ['snapshot-restore', 'snapshot-restore/*'];
const TOP_LEVEL_AWAIT_IN_CJS = /Top-level await is currently not supported with the "cjs" output format/;

export interface EntryCheckOptions {
  /** Where the in-memory build pretends to write (the manifest's `output` names files there). */
  outdir?: string;
}

async function bundle(request: AnalysisRequest, entries: string[], format: ModuleFormat, outdir: string): Promise<esbuild.Metafile> {
  const result = await esbuild.build({
    absWorkingDir: request.workingDir,
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format,
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: [...RUNTIME_EXTERNALS, ...request.external],
    ...(request.tsconfig ? { tsconfig: path.resolve(request.cwd, request.tsconfig) } : {}),
  });
  return result.metafile;
}

export async function checkEntries(request: AnalysisRequest, options: EntryCheckOptions = {}): Promise<AnalysisResult> {
  const entries = request.entries.map((entry) => path.resolve(request.cwd, entry));
  for (const [i, entry] of entries.entries()) {
    if (!fs.existsSync(entry)) throw new UsageError(`entry file not found: ${request.entries[i]}`);
    if (!fs.statSync(entry).isFile()) throw new UsageError(`entry is not a file: ${request.entries[i]}`);
  }
  if (request.tsconfig && !fs.existsSync(path.resolve(request.cwd, request.tsconfig))) throw new UsageError(`tsconfig not found: ${request.tsconfig}`);

  // One build per module format: each entry is checked the way Lambda will load it.
  const groups = new Map<ModuleFormat, string[]>();
  for (const entry of entries) {
    const format = request.moduleFormat ?? moduleFormatOf(entry);
    groups.set(format, [...(groups.get(format) ?? []), entry]);
  }

  const outdir = path.resolve(options.outdir ?? request.workingDir);
  const decorators = decoratorModeFromTsconfig(request.workingDir, request.tsconfig && path.resolve(request.cwd, request.tsconfig));
  const findings: BuildFinding[] = [];
  const manifests: Manifest[] = [];
  for (let [format, group] of groups) {
    let metafile: esbuild.Metafile;
    try {
      metafile = await bundle(request, group, format, outdir);
    } catch (error) {
      if (!isBuildFailure(error)) throw error;
      // A .ts/.js entry with top-level await (`await snapStart()`) can only be an ES module,
      // whatever package.json says: check it as one rather than fail.
      if (!(format === 'cjs' && !request.moduleFormat && error.errors.some((e) => TOP_LEVEL_AWAIT_IN_CJS.test(e.text)))) {
        throw new UsageError(describeBuildErrors(error.errors));
      }
      format = 'esm';
      try {
        metafile = await bundle(request, group, format, outdir);
      } catch (retryError) {
        if (!isBuildFailure(retryError)) throw retryError;
        throw new UsageError(describeBuildErrors(retryError.errors));
      }
    }
    const result = checkBuild({ metafile, workingDir: request.workingDir, format, decorators, options: request.plugin });
    findings.push(...result.findings);
    if (result.manifest) manifests.push(result.manifest);
  }

  const relative = (file: string) => path.relative(request.workingDir, file).split(path.sep).join('/');
  return {
    findings,
    ...(manifests.length === 1 ? { manifest: manifests[0] } : {}),
    checked: entries.map(relative),
    limitations: [],
  };
}
