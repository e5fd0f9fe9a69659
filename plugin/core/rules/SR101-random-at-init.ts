// SR101: Math.random() kept at init. V8's generator state is in the snapshot, so every restored
// environment has the same value and draws the same sequence after it.
import { defineRule } from './rule.js';
import { IGNORE_HELP, keptText, renewSuggestion, whereText, type UniquenessRule } from './uniqueness-rule.js';

const rule = defineRule({
  id: 'SR101',
  name: 'random-at-init',
  title: '`Math.random()` at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `\`Math.random()\` at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same value, and Math.random's generator state is cloned too, so they all draw the same sequence next. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP('SR101')}`,
  messages: {
    madeAtInit:
      "`{{call}}` {{where}}: every restored environment has the same value. The random number{{kept}} is made once, before the snapshot, and Math.random's generator state is cloned too, so they all draw the same sequence next",
  },
  suggestions: {
    renew: 'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`',
    renewHook: 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR101: UniquenessRule<'SR101'> = {
  ...rule,
  match: {
    calls: [
      'Math.random',
      // lodash 4 (lodash.js baseRandom, shuffleSelf, arraySample: nativeRandom = Math.random), also
      // as per-method modules (lodash/random.js) and lodash-es.
      ...['random', 'shuffle', 'sample', 'sampleSize'].flatMap((name) => [`lodash.${name}`, `lodash/${name}`]),
    ],
    needsStore: true,
  },
  describe: (found) => ({
    message: rule.message('madeAtInit', { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule, found),
  }),
};
