// Runs the analysis a request asks for: an already built bundle, or entries bundled in memory.
// esbuild is an optional peer dependency, so it is loaded only for entries: checking a bundle
// works without it.
import type { AnalysisRequest } from './options.js';
import type { AnalysisResult } from './result.js';
import { checkBundle } from './bundle-check.js';
import { UsageError } from '../usage-error.js';

export async function analyze(request: AnalysisRequest, outdir?: string): Promise<AnalysisResult> {
  if (request.bundle) return checkBundle(request);
  let entryCheck: typeof import('./entry-check.js');
  try {
    entryCheck = await import('./entry-check.js');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new UsageError('checking entry files needs esbuild (npm install --save-dev esbuild); an already built bundle can be checked without it: --bundle <file>');
  }
  return entryCheck.checkEntries(request, { outdir });
}
