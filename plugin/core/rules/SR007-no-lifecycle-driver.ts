// SR007: hooks are registered, but nothing in this output drives the SnapStart lifecycle: an
// ES module bundle that never calls `snapStart()`, or CommonJS / IIFE output without the
// bootstrap runtime (on the stock Node.js runtime nothing else runs the hooks). An app that serves
// snapshot-restore/http's hooks at init has its driver (the web adapter or MicroVMs call them).
import { defineRule } from './rule.js';

export const SR007 = defineRule({
  id: 'SR007',
  name: 'no-lifecycle-driver',
  title: 'nothing will drive the snapshot lifecycle',
  defaultSeverity: 'warning',
  type: 'problem',
  help: 'Hooks are registered, but nothing drives the SnapStart lifecycle: an ES module bundle must end with `await snapStart()` from `snapshot-restore/lambda`; a CommonJS bundle needs the `snapshot-restore/bootstrap` custom runtime; a web app behind Lambda Web Adapter or on Lambda MicroVMs serves the hooks with `snapshot-restore/http` (any format).',
  messages: {
    noSnapStart: '{{entry}} registers hooks but the bundle never calls `snapStart()`: on the stock Node.js runtime nothing runs them',
    notEsm:
      '{{entry}} registers hooks but the output format is {{format}}: on the stock Node.js runtime nothing drives the snapshot lifecycle, and `await snapStart()` needs an ES module',
  },
  suggestions: {
    addSnapStart: "end the handler module with `import { snapStart } from 'snapshot-restore/lambda'; await snapStart();`",
    esmOrBootstrap:
      "build with `format: 'esm'` and end the handler module with `await snapStart()`, or deploy with `snapshot-restore/bootstrap` as a custom runtime (then set `severity: { SR007: 'off' }`)",
  },
  checks: ['build/graph-checks.ts'],
});
