// ESLint with the snapshot-restore rules on, beside eslint-plugin-n's recommended set, on the
// same files: this repository's own TypeScript sources plus the examples' and plugin fixtures'
// handlers (real code, some importing the runtime), parsed by typescript-eslint's parser in all
// three runs. Each figure is the rules' own time per file: the lint time with the rule set minus
// the lint time with no rules (parsing, which every run pays), median of the runs, in one process.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import n from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s)$/;

function files() {
  const under = (dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts') && !f.includes('node_modules') && !f.includes('syntax-error'))
      .map((f) => relative(root, join(root, dir, f)));
  return [...['runtime', 'plugin', 'cli', 'emulator', 'examples', 'fixtures/plugin'].flatMap(under)];
}

async function lintMs(config, list) {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, cache: false, warnIgnored: false });
  const start = performance.now();
  await eslint.lintFiles(list);
  return performance.now() - start;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function eslintPerFile(runs = 3, limit = Infinity) {
  const snapshotRestore = (await import(new URL('../dist/plugin/eslint/index.js', import.meta.url).href)).default;
  const list = files().slice(0, limit);
  const parse = { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser: tseslint.parser } };
  const configs = {
    none: [parse],
    ours: [parse, snapshotRestore.configs.recommended],
    n: [parse, n.configs['flat/recommended']],
  };
  for (const config of Object.values(configs)) await lintMs(config, list); // warm-up
  const samples = { none: [], ours: [], n: [] };
  for (let run = 0; run < runs; run++) {
    for (const [name, config] of Object.entries(configs)) samples[name].push(await lintMs(config, list));
  }
  const none = median(samples.none);
  const ours = (median(samples.ours) - none) / list.length;
  const plugin_n = (median(samples.n) - none) / list.length;
  return { files: list.length, none: none / list.length, ours, n: plugin_n };
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const result = await eslintPerFile();
  console.log(
    `eslint_ms_per_file ${result.ours.toFixed(3)} (eslint-plugin-n recommended ${result.n.toFixed(3)} ms per file; parsing alone ${result.none.toFixed(3)} ms per file; ${result.files} files)`,
  );
}
