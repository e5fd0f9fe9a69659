// `snapshot-restore manifest`: the hook manifest of an entry (or of an already built bundle),
// the same `snapshot-restore.manifest.json` the esbuild plugin writes beside the bundle, which
// the runtime compares with what really registers. Printed, or written where the bundle goes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, serializeManifest } from '../../plugin/core/index.js';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, toAnalysisRequest } from '../analysis/options.js';
import { parseCommandArgs, text } from '../args.js';
import { analyze } from '../analysis/analyze.js';
import { processIo, type CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: snapshot-restore manifest [options] <entry>
       snapshot-restore manifest [options] --bundle <file> [--metafile <file>]

Prints the hook manifest of a Lambda function: the before-snapshot and after-restore hooks in
the order they will run, modules that register hooks lazily, and the findings. It is the
${MANIFEST_FILE} the esbuild plugin writes; put it beside the bundle and
the runtime warns about hooks the build saw that never registered (useful with CDK, SAM or SST,
which cannot load the plugin). File arguments are relative to the current directory.

${ANALYSIS_HELP}

Output:
  --out <file>                 write the manifest to this file instead of stdout
  --outdir <dir>               write ${MANIFEST_FILE} into this directory
  -h, --help                   show this help

Exit codes: 0 the manifest was printed or written (findings do not change this; use
\`snapshot-restore check\` to fail on them), 2 bad arguments or a build that failed.

Examples:
  snapshot-restore manifest src/handler.ts
  snapshot-restore manifest --bundle cdk.out/asset.1234/index.mjs --metafile cdk.out/asset.1234/index.meta.json --outdir cdk.out/asset.1234`;

const OPTIONS = {
  ...ANALYSIS_OPTIONS,
  out: { type: 'string' },
  outdir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseCommandArgs('manifest', args, OPTIONS, true);
  const request = toAnalysisRequest('manifest', parsed, io.cwd);
  const out = text(parsed.values.out);
  const outdir = text(parsed.values.outdir);
  if (out && outdir) throw new UsageError('manifest: give --out or --outdir, not both');
  if (request.entries.length > 1) throw new UsageError('manifest: give one entry (each Lambda function has its own manifest)');

  const target = out ? path.resolve(io.cwd, out) : outdir ? path.resolve(io.cwd, outdir, MANIFEST_FILE) : undefined;
  // The in-memory build "writes" where the manifest goes, so its `output` names the bundle there.
  const result = await analyze(request, target ? path.dirname(target) : undefined);
  if (!result.manifest) throw new UsageError(`manifest: no entry point found in ${request.metafile ?? request.bundle ?? request.entries[0]}`);
  const json = serializeManifest(result.manifest);

  if (!target) {
    io.stdout.write(json);
    return 0;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, json);
  const { beforeSnapshot, afterRestore, diagnostics } = result.manifest;
  io.stderr.write(
    `Wrote ${path.relative(io.cwd, target) || target}: ${beforeSnapshot.length} before-snapshot and ${afterRestore.length} after-restore hooks, ${diagnostics.length} findings.\n`,
  );
  return 0;
}
