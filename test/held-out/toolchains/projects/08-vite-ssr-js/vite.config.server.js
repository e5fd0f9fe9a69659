// Adapted from EdV4H/alchemy examples/hono-app/vite.config.server.ts
// (commit cb367c639651a73b7f1a480440f780233d1aee1b): an SSR build of the server entry into dist,
// emptyOutDir false, ESM output with a fixed entry file name.
// Changed: the entry is the Lambda handler and its name handler.mjs (was _worker.js);
// ssr.noExternal true (bundle every dependency, docs/bundlers.md); the snapshot-restore plugin added.
import { defineConfig } from 'vite';
import { snapshotRestore } from 'snapshot-restore-tools/vite';

export default defineConfig({
  plugins: [snapshotRestore()],
  ssr: { noExternal: true },
  build: {
    ssr: 'src/handler.js',
    outDir: 'dist',
    emptyOutDir: false,
    rollupOptions: {
      output: {
        entryFileNames: 'handler.mjs',
        format: 'esm',
      },
    },
  },
});
