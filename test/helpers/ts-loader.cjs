// A webpack loader for the tests: TypeScript to JavaScript with esbuild's transform (the
// fixtures are TypeScript, and webpack needs a loader for it; users pick ts-loader,
// esbuild-loader or swc-loader). The fixture's tsconfig decides the decorator mode, as it does
// for esbuild itself; keepNames keeps class names through decorator lowering, as the esbuild
// builds of the same fixtures do.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

module.exports = function tsLoader(source) {
  const done = this.async();
  const { root } = this.getOptions();
  const tsconfig = path.join(root, 'tsconfig.json');
  const tsconfigRaw = fs.existsSync(tsconfig) ? fs.readFileSync(tsconfig, 'utf8') : '{}';
  esbuild
    .transform(source, { loader: 'ts', target: 'node20', keepNames: true, sourcemap: 'external', sourcefile: this.resourcePath, tsconfigRaw })
    .then((result) => done(null, result.code, result.map), done);
};
