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
      '`{{call}}` {{where}}: every restored environment sees the same stale time. The timestamp{{kept}} is made once, before the snapshot; environments are restored from it minutes or days later',
  },
  suggestions: {
    renew: 'compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`',
    renewHook: 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR105: UniquenessRule<'SR105'> = {
  ...rule,
  match: {
    calls: [
      'Date.now',
      'Date',
      'performance.now',
      'process.hrtime',
      'process.hrtime.bigint',
      // Date libraries' "now": dayjs/esm/index.js parseDate (no date: new Date()), moment's
      // createLocal (no input: hooks.now()), luxon's DateTime.now()/local()/utc(), date-fns'
      // startOfToday & co. (startOfDay(Date.now())), lodash's now() (Date.now).
      'dayjs',
      'moment',
      'moment.utc',
      'luxon.DateTime.now',
      'luxon.DateTime.local',
      'luxon.DateTime.utc',
      ...['startOfToday', 'endOfToday', 'startOfTomorrow', 'endOfTomorrow', 'startOfYesterday', 'endOfYesterday'].flatMap((name) => [
        `date-fns.${name}`,
        `date-fns/${name}`,
        `date-fns/${name}.${name}`,
      ]),
      'lodash.now',
      'lodash/now',
      // jsonwebtoken/sign.js: iat = Math.floor(Date.now() / 1000), exp = iat + expiresIn: a token
      // signed at init has expired by the time of a restore.
      'jsonwebtoken.sign',
    ],
    constructs: ['Date'],
    needsStore: true,
    when: {
      Date: { noArguments: true },
      dayjs: { noArguments: true },
      moment: { noArguments: true },
      'moment.utc': { noArguments: true },
      'luxon.DateTime.local': { noArguments: true },
      'luxon.DateTime.utc': { noArguments: true },
      'jsonwebtoken.sign': { withOption: 'expiresIn' },
    },
  },
  describe: (found) => ({
    message: rule.message('madeAtInit', { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule, found),
  }),
};
