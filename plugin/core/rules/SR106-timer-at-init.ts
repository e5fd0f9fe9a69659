// SR106: a timer armed at init or in a before-snapshot hook: it is in the snapshot, may never
// fire before it, and fires late (or at once) in every restored environment.
import { defineRule } from './rule.js';
import { IGNORE_HELP, assignable, constNote, whereText, type UniquenessRule } from './uniqueness-rule.js';

const rule = defineRule({
  id: 'SR106',
  name: 'timer-at-init',
  title: 'a timer armed at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `A timer armed at init: everything in memory at the snapshot is cloned into every restored environment, so the timer is in the snapshot: it may never fire before the snapshot, and after a restore every environment fires it late, or at once, on state from init. Arm the timer in an after-restore hook and clear it in a before-snapshot hook. ${IGNORE_HELP('SR106')}`,
  messages: {
    armedAtInit:
      '`{{call}}` {{where}}: the timer is in the snapshot. It may never fire before the snapshot, and after a restore every environment fires it late, or at once, on state from init',
  },
  suggestions: {
    rearm:
      'arm it after the restore and clear it before the snapshot: `registerBeforeSnapshot(() => {{clear}}({{timer}})); registerAfterRestore(() => { {{timer}} = {{call}}; });`',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR106: UniquenessRule<'SR106'> = {
  ...rule,
  match: { calls: ['setInterval', 'setTimeout'], needsStore: false },
  describe: (found) => ({
    message: rule.message('armedAtInit', { call: found.call, where: whereText(found) }),
    suggestion:
      rule.suggest('rearm', {
        clear: found.canonical === 'setInterval' ? 'clearInterval' : 'clearTimeout',
        timer: assignable(found) ?? 'timer',
        call: found.call,
      }) + constNote(found),
  }),
};
