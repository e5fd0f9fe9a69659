// Vite's SSR build is its build for Node.js: one ES module (dist/handler.mjs) with its source
// map. An SSR build leaves packages external; the snapshot-restore plugin adds the runtime to
// `ssr.noExternal`, so the bundle carries it. Add your other dependencies there too, or set
// `ssr: { noExternal: true }` to bundle everything (the AWS SDK v3 is in the Lambda runtime).
import { snapshotRestore } from 'snapshot-restore-tools/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [snapshotRestore()],
  build: {
    ssr: 'src/handler.ts',
    outDir: 'dist',
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'handler.mjs' } },
  },
});
