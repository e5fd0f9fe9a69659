import { transformWithEsbuild } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Vite 8 transforms TypeScript with Oxc, which leaves standard (TC39) decorators in place,
      // and Node.js cannot run them: esbuild lowers them first. Not needed with
      // "experimentalDecorators": true in tsconfig.json (Oxc reads it and lowers legacy ones).
      name: 'standard-decorators',
      enforce: 'pre',
      transform(code, id) {
        if (/\.[cm]?tsx?$/.test(id) && code.includes('@')) return transformWithEsbuild(code, id, { loader: 'ts', target: 'es2022', keepNames: true });
      },
    },
  ],
});
