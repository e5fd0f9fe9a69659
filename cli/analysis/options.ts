// The options `check` and `manifest` share: what to analyse (entry files to bundle in memory, or
// an already built bundle with its metafile) and the plugin's options.
import * as path from 'node:path';
import type { SnapshotRestoreOptions } from '../../plugin/core/index.js';
import { OptionsError, checkCode, checkSeverity, resolveOptions } from '../../plugin/core/options.js';
import { list, oneOf, text, type OptionSpec, type ParsedArgs } from '../args.js';
import type { ModuleFormat } from './module-format.js';
import { UsageError } from '../usage-error.js';

export const ANALYSIS_OPTIONS = {
  bundle: { type: 'string' },
  metafile: { type: 'string' },
  'working-dir': { type: 'string' },
  handler: { type: 'string' },
  include: { type: 'string', multiple: true },
  wrapper: { type: 'string', multiple: true },
  severity: { type: 'string', multiple: true },
  'module-format': { type: 'string' },
  tsconfig: { type: 'string' },
  external: { type: 'string', multiple: true },
  deploy: { type: 'string' },
} satisfies OptionSpec;

export const ANALYSIS_HELP = `What to analyse:
  <entry...>                   handler source files: bundled in memory with esbuild (nothing is written)
  --bundle <file>              an already built bundle instead (CDK, SAM, SST: after bundling)
  --metafile <file>            with --bundle: esbuild's metafile of that build (CDK: bundling.metafile
                               = true writes index.meta.json); the check then reads the original
                               sources and sees the whole module graph. Without it: the graph
                               from the bundle's source map, else from its module comments and
                               the sources on disk, else (minified) from its entry found on disk;
                               else the bundle alone. A note says which
  --working-dir <dir>          the directory the build ran in: metafile, map and module-comment
                               paths are relative to it (default: the current directory)

Analysis:
  --handler <name>             name of the handler export (default: handler)
  --module-format esm|cjs      format of the function's code (default: .mjs/.mts esm, .cjs/.cts cjs,
                               else the "type" of the nearest package.json, as Lambda loads it)
  --include <glob>             source files that must be in the bundle (SR004); repeatable
  --wrapper <module>           your own module that re-exports the register functions; repeatable
  --severity <code>=<level>    error, warning or off for one code, e.g. SR007=off; repeatable
  --tsconfig <file>            tsconfig for the in-memory bundle (paths, experimentalDecorators)
  --external <module>          leave a module out of the in-memory bundle (e.g. '@aws-sdk/*'); repeatable
  --deploy auto|zip|image      how the function is deployed: a zip function on nodejs2x.x cannot turn
                               SnapStart on, so SR007 says no hook will run (default auto: read
                               template.yaml, serverless.yml or sst.config.ts in the working directory)`;

export interface AnalysisRequest {
  /** Absolute: the directory the file arguments are relative to. */
  cwd: string;
  /** Absolute. */
  workingDir: string;
  /** Entry files to bundle as given, relative to cwd or absolute (empty with --bundle). */
  entries: string[];
  bundle?: string;
  metafile?: string;
  moduleFormat?: ModuleFormat;
  tsconfig?: string;
  external: string[];
  plugin: SnapshotRestoreOptions;
}

function severityOption(command: string, values: string[]): SnapshotRestoreOptions['severity'] {
  if (values.length === 0) return undefined;
  const severity: NonNullable<SnapshotRestoreOptions['severity']> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`${command}: --severity takes <code>=<level>, e.g. SR007=off (got "${value}")`);
    // Codes and levels are checked where the plugin checks its own options.
    try {
      severity[checkCode(match[1]!, `--severity ${value}`)] = checkSeverity(match[2], `--severity ${match[1]}`);
    } catch (error) {
      if (error instanceof OptionsError) throw new UsageError(`${command}: ${error.message}`);
      throw error;
    }
  }
  return severity;
}

export function toAnalysisRequest(command: string, { values, positionals }: ParsedArgs, cwd: string): AnalysisRequest {
  const bundle = text(values.bundle);
  const metafile = text(values.metafile);
  if (bundle && positionals.length > 0) {
    throw new UsageError(`${command}: give entry files or --bundle, not both`);
  }
  if (metafile && !bundle) throw new UsageError(`${command}: --metafile needs --bundle <file> (the bundle it describes)`);
  if (!bundle && positionals.length === 0) {
    throw new UsageError(`${command}: give an entry file, or --bundle <file> (see \`snapshot-restore ${command} --help\`)`);
  }
  const handler = text(values.handler);
  const include = list(values.include);
  const modules = list(values.wrapper);
  const severity = severityOption(command, list(values.severity));
  const moduleFormat = oneOf(command, 'module-format', values['module-format'], ['esm', 'cjs'] as const);
  const tsconfig = text(values.tsconfig);
  const deploy = oneOf(command, 'deploy', values.deploy, ['auto', 'zip', 'image'] as const);
  return {
    cwd,
    workingDir: path.resolve(cwd, text(values['working-dir']) ?? '.'),
    entries: positionals,
    ...(bundle ? { bundle } : {}),
    ...(metafile ? { metafile } : {}),
    ...(moduleFormat ? { moduleFormat } : {}),
    ...(tsconfig ? { tsconfig } : {}),
    external: list(values.external),
    plugin: checkedPluginOptions(command, {
      ...(handler ? { handler } : {}),
      ...(include.length > 0 ? { include } : {}),
      ...(modules.length > 0 ? { modules } : {}),
      ...(severity ? { severity } : {}),
      ...(deploy ? { deploy } : {}),
    }),
  };
}

/** The plugin's options from the flags, checked by the plugin's own rules (one line, exit 2). */
function checkedPluginOptions(command: string, options: SnapshotRestoreOptions): SnapshotRestoreOptions {
  try {
    resolveOptions(options);
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(`${command}: ${error.message.replace(/^option handler\b/, '--handler')}`);
    throw error;
  }
  return options;
}
