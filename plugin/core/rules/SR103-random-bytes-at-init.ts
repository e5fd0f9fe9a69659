// SR103: random bytes kept at init (randomBytes, randomInt, getRandomValues, randomFill...):
// keys, nonces and salts made from them are the same in every restored environment.
import { defineRule } from './rule.js';
import { IGNORE_HELP, keptText, renewSuggestion, whereText, type UniquenessRule } from './uniqueness-rule.js';

const rule = defineRule({
  id: 'SR103',
  name: 'random-bytes-at-init',
  title: 'random bytes at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `Random bytes at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same bytes: keys, nonces, salts and tokens made from them are no longer unique. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP('SR103')}`,
  messages: {
    madeAtInit:
      '`{{call}}` {{where}}: the random value{{kept}} is made once and every environment restored from the snapshot has the same bytes: keys, nonces, salts and tokens made from them are no longer unique',
  },
  suggestions: {
    renew: 'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`',
    renewHook: 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)',
    refill: 'fill it in the handler, or fill it again after each restore: `registerAfterRestore(() => { {{call}}; });`',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR103: UniquenessRule<'SR103'> = {
  ...rule,
  match: {
    calls: ['crypto.randomBytes', 'crypto.randomInt', 'crypto.getRandomValues', 'crypto.randomFillSync', 'crypto.randomFill', 'crypto.pseudoRandomBytes'],
    needsStore: true,
    // They fill the buffer they are given: the buffer is where the value is kept.
    fills: ['crypto.getRandomValues', 'crypto.randomFillSync', 'crypto.randomFill'],
  },
  describe: (found) => ({
    message: rule.message('madeAtInit', { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: found.via === 'fill' ? rule.suggest('refill', { call: found.call }) : renewSuggestion(rule, found),
  }),
};
