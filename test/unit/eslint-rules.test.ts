// The ESLint rules with ESLint's own RuleTester: each rule on code that fires and code that does
// not (the examples of the rule's docs page where it has one, and the plugin fixtures' cases),
// with the core rule's own message text, the hoisting fix where the build would hoist, and
// none where it would not.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin, { BUILD_TIME_RULES, ruleCodes } from '../../plugin/eslint/index.js';
import { RULES, SR001, SR002, SR005, SR006, SR101, SR105, SR107, SR108 } from '../../plugin/core/rules/index.js';
import { repoRoot } from '../helpers/bundle.js';

// RuleTester runs its cases as the test framework's tests (it needs describe and it).
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const js = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const ts = new RuleTester({ languageOptions: { parser: tseslint.parser as never, sourceType: 'module' } });
const file = (name: string) => path.join(repoRoot, 'fixtures/eslint', name);
const rule = (name: string) => plugin.rules[name]!;

const header = "import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';\nfunction refresh() {}\n";

describe('the plugin', () => {
  it('has one ESLint rule per per-module core rule, named as the core rule, with its docs link; the graph rules stay build-time', () => {
    const perModule = RULES.filter((r) => !(BUILD_TIME_RULES as readonly string[]).includes(r.id));
    expect(Object.keys(plugin.rules).sort()).toEqual(perModule.map((r) => r.name).sort());
    for (const core of perModule) {
      const meta = plugin.rules[core.name]!.meta!;
      expect(ruleCodes[core.name]).toBe(core.id);
      expect(meta.docs?.url).toBe(core.docsUrl);
      expect(meta.docs?.description).toBe(core.title);
    }
    expect(Object.values(ruleCodes)).not.toContain('SR003');
    expect(Object.values(ruleCodes)).not.toContain('SR004');
    expect(Object.values(ruleCodes)).not.toContain('SR007');
  });

  it('recommended turns every rule on at its default severity (a definite bug is an error)', () => {
    const config = plugin.configs.recommended;
    expect(config.plugins?.['snapshot-restore']).toBe(plugin);
    for (const core of RULES) {
      const level = config.rules?.[`snapshot-restore/${core.name}`];
      if ((BUILD_TIME_RULES as readonly string[]).includes(core.id)) expect(level).toBeUndefined();
      else expect(level).toBe(core.defaultSeverity === 'error' ? 'error' : 'warn');
    }
  });
});

js.run('registration-in-handler (SR001)', rule(SR001.name), {
  valid: [
    { filename: file('top-level.mjs'), code: `${header}registerAfterRestore(refresh);\nexport const handler = async () => 1;\n` },
    // Not the handler: another export.
    { filename: file('other.mjs'), code: `${header}export const helper = () => { registerAfterRestore(refresh); };\n` },
    // No runtime import: nothing to check.
    { filename: file('no-runtime.mjs'), code: 'export const handler = async () => { registerAfterRestore(refresh); };\n' },
  ],
  invalid: [
    {
      // Hoistable: the fix is the move the build's hoisting makes.
      filename: file('hoist.mjs'),
      code: `${header}export const handler = async () => {\n  registerAfterRestore(refresh);\n  return 1;\n};\n`,
      output: `${header}export const handler = async () => {\n  return 1;\n};\nregisterAfterRestore(refresh);\n`,
      errors: [
        {
          message: `[SR001] ${SR001.message('inHandler', { written: 'registerAfterRestore(refresh)', handler: 'handler' })}`,
          line: 4,
          column: 3,
          endColumn: 3 + 'registerAfterRestore'.length,
        },
      ],
    },
    {
      // In a condition: not provably safe to move, so no fix.
      filename: file('condition.mjs'),
      code: `${header}export const handler = async (event) => {\n  if (event.warm) registerAfterRestore(refresh);\n};\n`,
      errors: [{ message: `[SR001] ${SR001.message('inHandler', { written: 'registerAfterRestore(refresh)', handler: 'handler' })}`, line: 4 }],
    },
    {
      // Uses a handler local: left alone too.
      filename: file('local.mjs'),
      code: `${header}export async function handler(event) {\n  const id = event.id;\n  registerBeforeSnapshot(() => id);\n}\n`,
      errors: [{ message: `[SR001] ${SR001.message('inHandler', { written: 'registerBeforeSnapshot(() => id)', handler: 'handler' })}`, line: 5 }],
    },
  ],
});

js.run('registration-at-invoke (SR002)', rule(SR002.name), {
  valid: [{ filename: file('setup-at-init.mjs'), code: `${header}function setup() { registerAfterRestore(refresh); }\nsetup();\nexport const handler = async () => 1;\n` }],
  invalid: [
    {
      // fixtures/plugin/invoke-only: a function only the handler calls.
      filename: file('invoke-only.cjs'),
      code: fs.readFileSync(path.join(repoRoot, 'fixtures/plugin/invoke-only/src/handler.js'), 'utf8'),
      languageOptions: { sourceType: 'commonjs' },
      errors: [{ message: `[SR002] ${SR002.message('reachedFromHandler', { written: 'registerBeforeSnapshot(closePool)', handler: 'handler' })}`, line: 6 }],
    },
  ],
});

js.run('unresolved-registration (SR005)', rule(SR005.name), {
  valid: [{ filename: file('direct.mjs'), code: `${header}registerAfterRestore(refresh);\n` }],
  invalid: [
    {
      filename: file('computed.mjs'),
      code: "import * as sr from 'snapshot-restore';\nconst name = process.env.PHASE;\nsr[name](() => {});\n",
      errors: [{ message: /^\[SR005\] cannot /, line: 3 }],
    },
  ],
});

ts.run('instance-hook-at-invoke (SR006)', rule(SR006.name), {
  valid: [
    {
      filename: file('static.ts'),
      code: "import { registerAfterRestore } from 'snapshot-restore';\nclass Db {\n  @registerAfterRestore\n  static reconnect() {}\n}\nexport const handler = async () => new Db();\n",
    },
  ],
  invalid: [
    {
      // fixtures/plugin/instance-decorator: Session is only constructed in the handler.
      filename: file('instance-decorator.ts'),
      code: fs.readFileSync(path.join(repoRoot, 'fixtures/plugin/instance-decorator/src/handler.ts'), 'utf8'),
      errors: [
        {
          message: `[SR006] ${SR006.message('constructedAtInvoke', { written: '@registerAfterRestore', method: 'renew', className: '`Session`' })}`,
          line: 5,
        },
      ],
    },
  ],
});

js.run('random-at-init (SR101)', rule(SR101.name), {
  valid: [
    { filename: file('random-in-handler.mjs'), code: 'export const handler = async () => ({ n: Math.random() });\n' },
    // The ignore comment the build honours, honoured here too.
    { filename: file('random-ignored.mjs'), code: 'export const seed = Math.random(); // snapshot-restore-ignore SR101\n' },
  ],
  invalid: [
    {
      filename: file('random.mjs'),
      code: 'export const seed = Math.random();\n',
      errors: [{ message: /^\[SR101\] `Math\.random\(\)` runs at init: every restored environment has the same value\. The random number, kept in `seed`/, line: 1, column: 21 }],
    },
  ],
});

js.run('timestamp-at-init (SR105)', rule(SR105.name), {
  valid: [
    {
      // Renewed after each restore: silent, as in the build.
      filename: file('renewed.mjs'),
      code: "import { registerAfterRestore } from 'snapshot-restore';\nlet loadedAt = Date.now();\nregisterAfterRestore(() => { loadedAt = Date.now(); });\nexport const handler = async () => loadedAt;\n",
    },
    { filename: file('ignored.mjs'), code: '// snapshot-restore-ignore SR105\nexport const loadedAt = Date.now();\n' },
  ],
  invalid: [
    {
      filename: file('stale.mjs'),
      code: 'export const loadedAt = Date.now();\nexport const handler = async () => loadedAt;\n',
      errors: [{ message: /^\[SR105\] `Date\.now\(\)` runs at init/, line: 1, column: 25 }],
    },
  ],
});

js.run('connections-at-init (SR107), by shape', rule(SR107.name), {
  valid: [
    // Constructing a client opens nothing; work in the handler runs after the restore.
    { filename: file('lazy-client.mjs'), code: "import { Db } from 'some-orm';\nexport const db = new Db({ host: 'db' });\nexport const handler = async () => db.initialize();\n" },
  ],
  invalid: [
    {
      filename: file('initialized.mjs'),
      code: "import { Db } from 'some-orm';\nexport const db = new Db({ host: 'db' });\nawait db.initialize();\n",
      errors: [{ message: /^\[SR107\] `db\.initialize\(\)` runs at init: .* The connection, kept in `db`,/, line: 3, column: 7 }],
    },
  ],
});

// A user module re-exporting the register functions under its own names is followed without
// configuration, as the build follows it (fixtures/plugin/reexported-register).
const reexporting = path.join(repoRoot, 'fixtures/plugin/reexported-register/src/handler.ts');
ts.run('registration-in-handler (SR001) through re-exported register functions', rule(SR001.name), {
  valid: [
    {
      filename: reexporting,
      code: "import { onRestore } from './lib/hooks.js';\nimport { whenRestored } from './lib/chain.js';\nonRestore(function a() {});\nwhenRestored(function b() {});\nexport const handler = async () => 1;\n",
    },
  ],
  invalid: [
    {
      filename: reexporting,
      code: "import { whenRestored } from './lib/chain.js';\nexport const handler = async () => {\n  whenRestored(function never() {});\n};\n",
      // The hoisting fix, as the build would hoist it.
      output: "import { whenRestored } from './lib/chain.js';\nexport const handler = async () => {\n};\nwhenRestored(function never() {});\n",
      errors: [{ message: /^\[SR001\] `whenRestored\(function never\(\) \{\}\)` is inside the handler/, line: 3, column: 3 }],
    },
  ],
});

js.run('static-credentials (SR108)', rule(SR108.name), {
  valid: [{ filename: file('region.mjs'), code: 'export const region = process.env.AWS_REGION;\n' }],
  invalid: [
    {
      filename: file('keys.mjs'),
      code: 'export const key = process.env.AWS_ACCESS_KEY_ID;\n',
      errors: [{ message: /^\[SR108\] `process\.env\.AWS_ACCESS_KEY_ID` reads undefined under SnapStart\./, line: 1, column: 20 }],
    },
  ],
});

describe('docs pages', () => {
  // docs/rules/<id>.md, when the repository has them: every rule the plugin lints has its page.
  const docs = path.join(repoRoot, 'docs/rules');
  it.skipIf(!fs.existsSync(docs))('every ESLint rule has its docs page', () => {
    for (const code of Object.values(ruleCodes)) expect(fs.existsSync(path.join(docs, `${code}.md`)), code).toBe(true);
  });
});
