// SR105: a timestamp taken at init and kept: environments are restored from the snapshot
// minutes or days later, and all of them see the same stale time.
import { defineRule } from './rule.js';
import { IGNORE_HELP, keptText, renewSuggestion, whereText, type UniquenessRule } from './uniqueness-rule.js';

const rule = defineRule({
  id: 'SR105',
  name: 'timestamp-at-init',
  title: 'a timestamp taken at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `A timestamp taken at init: everything in memory at the snapshot is cloned into every restored environment, so it is taken before the snapshot; environments are restored from it minutes or days later, and all of them see the same stale time. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP('SR105')}`,
  messages: {
    madeAtInit:
      '`{{call}}` {{where}}: the timestamp{{kept}} is made once and it is taken before the snapshot; environments are restored from it minutes or days later, and all of them see the same stale time',
  },
  suggestions: {
    renew: 'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`',
    renewHook: 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR105: UniquenessRule<'SR105'> = {
  ...rule,
  match: { calls: ['Date.now', 'Date', 'performance.now', 'process.hrtime', 'process.hrtime.bigint'], constructs: ['Date'], needsStore: true },
  describe: (found) => ({
    message: rule.message('madeAtInit', { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule, found),
  }),
};
