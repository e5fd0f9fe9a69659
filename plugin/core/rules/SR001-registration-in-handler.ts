// SR001: a registration directly inside the handler. The handler runs at invoke time, after the
// snapshot, so the hook is registered too late and never runs: a definite bug, an error by
// default. The esbuild plugin moves provably safe ones to module top level (hoist/), and then
// the finding says so and does not fail the build.
import { defineRule } from './rule.js';

export const SR001 = defineRule({
  id: 'SR001',
  name: 'registration-in-handler',
  title: 'registration inside the handler',
  defaultSeverity: 'error',
  type: 'problem',
  help: 'A hook registered inside the handler is registered at invoke time, after the snapshot was taken, so it never runs. Register it at module top level, where init code runs before the snapshot.',
  messages: {
    inHandler:
      '`{{written}}` is inside the handler `{{handler}}`: the hook never runs. The handler runs at invoke time, after the snapshot, so the hook is never registered in time',
    hoisted:
      '`{{written}}` is inside the handler `{{handler}}`; the build hoisted it. The handler runs after the snapshot; the build moved it to module top level, after line {{line}}, so the hook registers at init',
  },
  suggestions: {
    moveOut: 'move `{{written}}` to module top level, outside `{{handler}}`',
    moveInSource: 'move `{{written}}` to module top level in the source too',
  },
  checks: ['module/analyze.ts', 'module/classify.ts', 'hoist/report.ts'],
});
