// Adapted from anhydrous99/photo-profile vitest.lambda.config.ts
// (commit b6c29575c0462ed56e9c9ba444d4f10204cdc6a0): globals, node environment, the lambda
// tests folder, NODE_ENV, an '@' alias.
// Changed: the alias points at lambda/src; the 'standard-decorators' plugin of docs/testing.md
// added, as it says for vitest 4 / Vite 8 with standard decorators.
import { transform } from 'esbuild';
import { defineConfig } from 'vitest/config';
import path from 'path';

export default defineConfig({
  plugins: [
    {
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
  test: {
    globals: true,
    environment: "node",
    include: ["lambda/__tests__/**/*.test.ts"],
    env: {
      NODE_ENV: "test",
    },
  },
  resolve: {
    alias: {
      "@": path.resolve(__dirname, "./lambda/src"),
    },
  },
});
