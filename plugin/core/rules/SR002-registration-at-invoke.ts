// SR002: a registration in code only the handler reaches (a helper the handler calls). It runs
// at invoke time, after the snapshot; the analysis follows calls within the module to know.
import { defineRule } from './rule.js';

export const SR002 = defineRule({
  id: 'SR002',
  name: 'registration-at-invoke',
  title: 'registration in code that only runs at invoke time',
  defaultSeverity: 'warning',
  type: 'problem',
  help: 'The registration is in a function that only the handler calls, so it runs at invoke time, after the snapshot, and the hook never runs. Call it from module top level instead.',
  messages: {
    reachedFromHandler: '`{{written}}` only runs at invoke time, from the handler `{{handler}}`: the hook never runs. Invoke time is after the snapshot',
  },
  suggestions: {
    registerAtTop: 'register the hook at module top level, or call the code that registers it from module top level',
  },
  checks: ['module/analyze.ts', 'module/classify.ts'],
});
