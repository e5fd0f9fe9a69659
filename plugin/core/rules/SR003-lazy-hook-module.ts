// SR003: a module that registers hooks, loaded with import() or require() where that happens
// after the snapshot (inside the handler) or may (not awaited at top level, timing unknown).
// Its registrations then come too late: a definite bug in the handler, an error by default.
// The esbuild plugin turns a handler-local `await import()` into a top-level import when safe.
import { defineRule } from './rule.js';

export const SR003 = defineRule({
  id: 'SR003',
  name: 'lazy-hook-module',
  title: 'a module that registers hooks is loaded lazily',
  defaultSeverity: 'error',
  type: 'problem',
  help: 'A module that registers hooks is loaded with `import()` or `require()` from the handler (or from code whose timing is unknown), so its registrations happen after the snapshot. Import it statically at module top level.',
  messages: {
    inHandler:
      '{{module}} is loaded lazily inside the handler: its hooks never run. It registers hooks, but {{how}} inside the handler loads it at invoke time, after the snapshot',
    notAwaited:
      '{{module}} is loaded lazily and not awaited at top level: its hooks may never run. It registers hooks, but {{how}} without being awaited at module top level may load it after the snapshot',
    unknownTiming:
      '{{module}} is loaded lazily, at a time the analysis cannot tell: its hooks may never run. It registers hooks, loaded with {{how}} from code whose timing the analysis cannot tell; loaded after the snapshot, they never run',
    hoisted:
      '{{module}} was loaded lazily inside the handler; the build hoisted it. It registers hooks; the build loads it with `{{how}}` at module top level, after line {{line}}, so its hooks register at init',
  },
  suggestions: {
    importAtTop: "import it at module top level: `import '{{specifier}}';`",
    writeInSource: 'write `{{written}}` at module top level in the source too',
  },
  checks: ['build/graph-checks.ts', 'build/order.ts', 'hoist/report.ts'],
});
