// SR104: an ID generated at init by a library (uuid, nanoid, ulid, cuid): the ID and the
// generator's state behind it (random pool, clock sequence, monotonic counter) are cloned.
import { defineRule } from './rule.js';
import { IGNORE_HELP, keptText, renewSuggestion, whereText, type UniquenessRule } from './uniqueness-rule.js';

const rule = defineRule({
  id: 'SR104',
  name: 'id-at-init',
  title: 'a generated ID (uuid, nanoid, ulid) at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `A generated ID (uuid, nanoid, ulid) at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same ID, and the generator state behind it (random pool, clock sequence, monotonic counter) is cloned too. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP('SR104')}`,
  messages: {
    madeAtInit:
      '`{{call}}` {{where}}: every restored environment has the same ID. The ID{{kept}} is made once, before the snapshot, and the generator state behind it (random pool, clock sequence, monotonic counter) is cloned too',
  },
  suggestions: {
    renew: 'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`',
    renewHook: 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR104: UniquenessRule<'SR104'> = {
  ...rule,
  match: {
    calls: [
      'uuid.v1',
      'uuid.v4',
      'uuid.v6',
      'uuid.v7',
      'uuid.default.v4',
      'nanoid.nanoid',
      'nanoid/non-secure.nanoid',
      'nanoid.default',
      'ulid.ulid',
      'ulid.default',
      'ulidx.ulid',
      '@paralleldrive/cuid2.createId',
      'cuid.default',
      'cuid',
      // What generator factories return, called (nanoid/index.js customRandom and ulid's
      // monotonicFactory return functions; cuid2's init() returns createId): making the
      // generator draws nothing, calling it makes an ID.
      'nanoid.customAlphabet()',
      'nanoid.customRandom()',
      'nanoid/non-secure.customAlphabet()',
      'ulid.monotonicFactory()',
      'ulid.factory()',
      'ulidx.monotonicFactory()',
      '@paralleldrive/cuid2.init()',
    ],
    needsStore: true,
  },
  describe: (found) => ({
    message: rule.message('madeAtInit', { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule, found),
  }),
};
