// SR004: a source file that registers hooks is not in the bundle: nothing imports it (with the
// `include` option), or the bundler dropped it because its package says "sideEffects": false.
import { defineRule } from './rule.js';

export const SR004 = defineRule({
  id: 'SR004',
  name: 'hook-module-not-bundled',
  title: 'a source file that registers hooks is not in the bundle',
  defaultSeverity: 'warning',
  type: 'problem',
  help: 'A source file that registers hooks is not part of the bundle (nothing imports it, or the bundler dropped it as side-effect free), so its hooks never register. Import it from the handler module, or list it under "sideEffects".',
  messages: {
    notImported: '{{file}} registers hooks but is not in the bundle: they never run. Nothing the entry point imports loads it',
    treeShaken:
      '{{file}} registers hooks but the bundler dropped it: they never run. The bundler removed it as unused, because it is imported only for its side effects from a package whose package.json declares `"sideEffects": false`',
  },
  suggestions: {
    importIt: "import it from the handler module: `import '{{specifier}}';`",
    listSideEffects: 'list the file under "sideEffects" in package.json (e.g. `"sideEffects": ["./{{file}}"]`), or import and use something it exports',
  },
  checks: ['build/check-build.ts', 'build/graph-checks.ts'],
});
