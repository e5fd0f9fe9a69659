// Builds a function the way CDK, SAM or SST build it before `check --bundle` sees it: the real
// esbuild, one bundle for node, a source map and a metafile, and the runtime inlined from this
// checkout's dist (as from node_modules in a user's project).
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot, tempDir } from './run-cli.js';

export interface DeployedBundle {
  bundle: string;
  metafile: esbuild.Metafile;
}

export const distAlias = { 'snapshot-restore': path.join(repoRoot, 'runtime/dist/esm/index.js'), 'snapshot-restore/lambda': path.join(repoRoot, 'runtime/dist/esm/lambda.js') };

/**
 * The bundle and its metafile; undefined for an ES module with top-level await (`await
 * snapStart()`) asked for as CommonJS, which is no bundle. `options` override the defaults.
 */
export async function buildDeployed(dir: string, entry: string, options: esbuild.BuildOptions = {}): Promise<DeployedBundle | undefined> {
  const format = options.format ?? 'esm';
  const bundle = options.outfile ?? path.join(tempDir('sr-bundle-'), format === 'esm' ? 'index.mjs' : 'index.cjs');
  try {
    const result = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format,
      sourcemap: true,
      metafile: true,
      logLevel: 'silent',
      alias: distAlias,
      ...options,
    });
    if (!result.metafile) throw new Error('esbuild wrote no metafile');
    return { bundle, metafile: result.metafile };
  } catch (error) {
    if (format === 'cjs' && (error as esbuild.BuildFailure).errors?.some((e) => /Top-level await/.test(e.text))) return undefined;
    throw error;
  }
}

/** The codes of `findings` beyond those of `reference`, counted (a code twice where the reference has it once is one extra). */
export function extraCodes(findings: Array<{ code: string }>, reference: Array<{ code: string }>): string[] {
  const left = reference.map((f) => f.code);
  const extra: string[] = [];
  for (const { code } of findings) {
    const at = left.indexOf(code);
    if (at === -1) extra.push(code);
    else left.splice(at, 1);
  }
  return extra;
}
