// SR102: crypto.randomUUID() at init. The UUID is in the snapshot, and unless the call says
// `{ disableEntropyCache: true }` so is Node's cache of random bytes for the next 128 UUIDs:
// then even a UUID that is thrown away matters.
import { defineRule } from './rule.js';
import { IGNORE_HELP, assignable, constNote, keptText, whereText, type UniquenessRule } from './uniqueness-rule.js';

const rule = defineRule({
  id: 'SR102',
  name: 'uuid-at-init',
  title: '`crypto.randomUUID()` at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `\`crypto.randomUUID()\` at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same value. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP('SR102')}`,
  messages: {
    madeAtInit: '`{{call}}` {{where}}: every restored environment has the same UUID. The UUID{{kept}} is made once, before the snapshot',
    madeAtInitCached:
      "`{{call}}` {{where}}: every restored environment has the same UUID. The UUID{{kept}} is made once, before the snapshot; and without `{ disableEntropyCache: true }` the first call fills Node's cache of random bytes for the next 128 UUIDs, which is cloned with the snapshot (snapshot-restore's lifecycle renews it at each restore; other runtimes do not)",
  },
  suggestions: {
    renew: 'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`',
    renewHook: 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)',
    renewUncached:
      'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`; and call `randomUUID({ disableEntropyCache: true })` before the snapshot so the entropy cache is not cloned',
    renewHookUncached:
      'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`); and call `randomUUID({ disableEntropyCache: true })` before the snapshot so the entropy cache is not cloned',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR102: UniquenessRule<'SR102'> = {
  ...rule,
  match: { calls: ['crypto.randomUUID'], needsStore: false },
  describe: (found) => {
    const target = assignable(found);
    const data = { call: found.call, where: whereText(found), kept: keptText(found) };
    return {
      message: rule.message(found.entropyCache ? 'madeAtInitCached' : 'madeAtInit', data),
      suggestion: target
        ? rule.suggest(found.entropyCache ? 'renewUncached' : 'renew', { target, call: found.value ?? found.call }) + constNote(found)
        : rule.suggest(found.entropyCache ? 'renewHookUncached' : 'renewHook'),
    };
  },
};
