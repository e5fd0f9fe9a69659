// `check --bundle <file> [--metafile <file>]`: check an already built bundle, for the tools that
// cannot load the esbuild plugin (CDK's afterBundling hook, SAM makefiles, SST's postbuild).
//
// With esbuild's metafile the plugin's whole-build check runs as it would in the build: it
// reads the original sources on disk (metafile paths are relative to the build's working
// directory). Without one, the bundle itself is analysed as a single module: registrations,
// the handler and snapStart() are still recognised (see bundled-runtime.ts), so SR001, SR002,
// SR005 and SR007 still apply, with locations in the bundle; lazy loading (SR003) and files
// missing from the bundle (SR004) need the module graph. When the bundle has a source map, the
// locations are mapped back to the original sources.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkBuild, decoratorModeFromTsconfig, type BuildFinding, type BuildLocation, type BuildMetafile } from '../../plugin/core/index.js';
import type { AnalysisRequest } from './options.js';
import type { AnalysisResult } from './result.js';
import { exposeBundledRuntime } from './bundled-runtime.js';
import { moduleFormatOf } from './module-format.js';
import { loadSourceMap, mapLocation, type SourceMap } from './source-map.js';
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

/**
 * The part of the metafile about this bundle: its output (found by path, or the only entry
 * output) and the entry-less chunks it may share. CDK moves the bundle after building, so a
 * path that matches nothing is not an error when there is one entry output.
 */
function narrowToBundle(metafile: BuildMetafile, bundle: string, workingDir: string): BuildMetafile {
  const outputs = Object.entries(metafile.outputs);
  const withEntry = outputs.filter(([, meta]) => meta.entryPoint);
  const mine = withEntry.filter(([key]) => path.resolve(workingDir, key) === bundle);
  const chosen = mine.length > 0 ? mine : withEntry;
  return {
    inputs: metafile.inputs,
    outputs: Object.fromEntries([...chosen, ...outputs.filter(([, meta]) => !meta.entryPoint)]),
  };
}

function checkWithMetafile(request: AnalysisRequest, bundle: string, metafileFile: string): AnalysisResult {
  const metafile = narrowToBundle(readMetafile(metafileFile, request.cwd), bundle, request.workingDir);
  const sources = Object.keys(metafile.inputs).filter((key) => !key.includes('node_modules/') && !/^[a-z-]+:/.test(key));
  if (sources.length > 0 && !sources.some((key) => fs.existsSync(path.resolve(request.workingDir, key)))) {
    throw new UsageError(
      `none of the metafile's source files exist under ${request.workingDir} (e.g. ${sources[0]}): pass --working-dir <the directory the build ran in>`,
    );
  }
  const result = checkBuild({
    metafile,
    workingDir: request.workingDir,
    format: request.moduleFormat ?? moduleFormatOf(bundle),
    decorators: decoratorModeFromTsconfig(request.workingDir, request.tsconfig && path.resolve(request.cwd, request.tsconfig)),
    options: request.plugin,
  });
  const entries = Object.values(metafile.outputs).flatMap((meta) => (meta.entryPoint ? [meta.entryPoint] : []));
  return { findings: result.findings, ...(result.manifest ? { manifest: result.manifest } : {}), checked: entries, limitations: [] };
}

function checkBundleAlone(request: AnalysisRequest, bundle: string): AnalysisResult {
  // The bundle's name in messages: relative to the working directory, or absolute outside it.
  const relativeKey = path.relative(request.workingDir, bundle).split(path.sep).join('/');
  const key = relativeKey.startsWith('../') ? bundle : relativeKey;
  const source = fs.readFileSync(bundle, 'utf8');
  const outcome = exposeBundledRuntime(source, bundle);
  if (!outcome.ok) throw new UsageError(`${key}:${outcome.line}:${outcome.column + 1}: the bundle does not parse: ${outcome.error}`);
  const { exposed } = outcome;
  const format = request.moduleFormat ?? moduleFormatOf(bundle);

  const limitations = ['no --metafile: the bundle was checked as one module, so lazily loaded hook modules (SR003) and files missing from the bundle (SR004) were not checked'];
  const mentionsRuntime = /["'`]snapshot-restore["'`/]|"registerAfterRestore"|"registerBeforeSnapshot"/.test(source);
  if (mentionsRuntime && exposed.imports.length === 0) {
    limitations.push('the bundle contains snapshot-restore, but its register functions were not recognised (a CommonJS-wrapped copy of the runtime?): pass --metafile');
  } else if (exposed.registerFunctions.length > 0 && format === 'cjs') {
    limitations.push('in a CommonJS bundle, registrations made through require() of the runtime are not recognised: pass --metafile');
  } else if (exposed.registerFunctions.length > 0 && exposed.snapStart.length === 0 && format === 'esm') {
    limitations.push('snapStart() was not found in the bundle; if it is minified, SR007 may be reported wrongly: pass --metafile');
  }

  // A metafile of one module: the bundle, importing the runtime (external) when it has it inlined.
  const metafile: BuildMetafile = {
    inputs: { [key]: { imports: exposed.imports.map((specifier) => ({ path: specifier, kind: 'import-statement', external: true })), format } },
    outputs: { [key]: { entryPoint: key, inputs: { [key]: {} } } },
  };
  const result = checkBuild({
    metafile,
    workingDir: request.workingDir,
    format,
    decorators: 'tc39', // esbuild has already lowered decorators to calls
    options: request.plugin,
    readFile: (file) => (file === bundle ? exposed.source : readOrUndefined(file)),
  });
  const map = loadSourceMap(bundle, source);
  if (map) {
    const shown = path.relative(request.workingDir, map.file);
    limitations.push(`locations were mapped to the original sources through ${shown.startsWith('..') ? map.file : shown}`);
  } else {
    limitations.push('locations are in the bundle: it has no source map (build with sourcemap: true to see the original sources)');
  }
  const relative = (file: string) => path.relative(request.workingDir, file).split(path.sep).join('/');
  // The uniqueness lint (SR1xx) reads only the user's own code in a normal build; here the whole
  // bundle is one module, so leave out what the source map says came from libraries.
  const findings = map
    ? result.findings.map((finding) => mapFinding(finding, map, relative)).filter((f) => !(/^SR1\d\d$/.test(f.code) && f.location?.file.includes('node_modules/')))
    : result.findings;
  return { findings, ...(result.manifest ? { manifest: result.manifest } : {}), checked: [key], limitations };
}

/** A finding's places in the bundle, mapped to the original sources. */
function mapFinding(finding: BuildFinding, map: SourceMap, relative: (file: string) => string): BuildFinding {
  const mapped = (location: BuildLocation | null): BuildLocation | null => {
    if (!location) return null;
    const original = mapLocation(map, location);
    if (original === location) return location;
    return { ...original, file: relative(original.file), ...(location.suggestion ? { suggestion: location.suggestion } : {}) };
  };
  return { ...finding, location: mapped(finding.location), notes: finding.notes.map((note) => ({ ...note, location: mapped(note.location) })) };
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function checkBundle(request: AnalysisRequest): AnalysisResult {
  const bundle = path.resolve(request.cwd, request.bundle!);
  if (!fs.existsSync(bundle)) throw new UsageError(`bundle not found: ${request.bundle}`);
  if (!fs.statSync(bundle).isFile()) throw new UsageError(`bundle is not a file: ${request.bundle}`);
  return request.metafile ? checkWithMetafile(request, bundle, request.metafile) : checkBundleAlone(request, bundle);
}
