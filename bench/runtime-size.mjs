// The runtime entry point as a user's bundle carries it: bundled, minified, with esbuild.
// Prints its size (target: at most 3072 bytes) and checks that it pulls in no dependency.
import { build } from 'esbuild';

export async function runtimeSize() {
  const result = await build({
    entryPoints: ['runtime/index.ts'],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  const foreign = inputs.filter((path) => !path.startsWith('runtime/'));
  return { bytes: result.outputFiles[0].contents.length, inputs, foreign };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes, inputs, foreign } = await runtimeSize();
  console.log(`runtime_min_bytes ${bytes} (target <= 3072) from ${inputs.length} files in runtime/`);
  if (foreign.length) {
    console.error(`dependencies found in the runtime bundle: ${foreign.join(', ')}`);
    process.exit(1);
  }
}
