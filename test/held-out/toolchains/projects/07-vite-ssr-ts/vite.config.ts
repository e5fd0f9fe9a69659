// Adapted from theetaz/livekit-turn-server-testing apps/agent/vite.config.ts
// (commit a3ed69b96c4b9ef87b691d9150c423e5893c9cbb): an SSR build of one Node.js entry,
// target node20, source maps, dist, a fixed entry file name.
// Changed: the entry is the Lambda handler; the snapshot-restore plugin added as docs/bundlers.md
// says (it adds the runtime to ssr.noExternal), told about the team's wrapper module (option `modules`). tsconfig.json turns on legacy decorators, which
// Vite 8's Oxc lowers (docs/testing.md).
import { defineConfig } from 'vite';
import { snapshotRestore } from 'snapshot-restore-tools/vite';

export default defineConfig({
  plugins: [snapshotRestore({ modules: [{ module: './src/lifecycle.ts', beforeSnapshot: ['onSnapshot'], afterRestore: ['onRestore'] }] })],
  build: {
    ssr: 'src/handler.ts',
    target: 'node20',
    sourcemap: true,
    outDir: 'dist',
    rollupOptions: {
      output: {
        entryFileNames: 'main.js',
      },
    },
  },
});
