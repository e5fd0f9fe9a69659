// Bundling for `emulate` (DESIGN.md: the emulator's snapshot part may call the plugin to bundle
// a source entry). The emulator itself never imports esbuild: it calls this function, which loads
// esbuild (an optional peer dependency) only when a bundle is wanted, and turns its failure into
// one readable error.
import type { BuildOptions, Message, OutputFile } from 'esbuild';

export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    message: string,
    readonly errors: Message[],
    /** esbuild's errors, formatted as esbuild prints them. */
    readonly details: string,
  ) {
    super(message);
  }
}

export interface BundleOutput {
  outputFiles: OutputFile[];
  warnings: Message[];
}

/** esbuild's `build` with `write: false`; `label` names what is bundled in the error. */
export async function bundleEntry(options: BuildOptions, label: string): Promise<BundleOutput> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new BundleError(`bundling ${label} needs esbuild, which is not installed (npm install --save-dev esbuild)`, [], '');
  }
  try {
    const result = await esbuild.build({ ...options, write: false, logLevel: 'silent' });
    return { outputFiles: result.outputFiles ?? [], warnings: result.warnings };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    const details = errors.length > 0 ? (await esbuild.formatMessages(errors, { kind: 'error', color: false })).join('').trim() : String(error);
    throw new BundleError(`could not bundle ${label} (${errors.length || 'an'} error${errors.length === 1 ? '' : 's'})`, errors, details);
  }
}
