import { transform } from 'esbuild';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Vite 8 transforms TypeScript with Oxc, which leaves standard (TC39) decorators in place,
      // and Node.js cannot run them: esbuild (a devDependency: `npm install -D esbuild`) lowers
      // them first. Not needed with "experimentalDecorators": true in tsconfig.json (Oxc reads it
      // and lowers legacy ones): then delete this plugin.
      name: 'standard-decorators',
      enforce: 'pre',
      transform: {
        filter: { id: /\.[cm]?tsx?$/, code: '@' },
        async handler(code, id) {
          const result = await transform(code, { loader: id.endsWith('x') ? 'tsx' : 'ts', target: 'es2022', keepNames: true, sourcemap: true, sourcefile: id });
          return { code: result.code, map: result.map };
        },
      },
    },
  ],
});
