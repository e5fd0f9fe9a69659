// Dates: temporal-polyfill 1.0.9 (Temporal.Now.* read the system clock), @date-fns/tz 1.5.0 (new TZDate() and
// TZDate.tz(zone) with no date are "now"; given fields are not), chrono-node 2.10.3 (parseDate() uses `new Date()` as the
// reference when none is given: relative phrases resolve against it), cron-parser 5.10.7 (CronExpression constructor:
// `new CronDate(options.currentDate ?? options.startDate)` with undefined is now, dist/CronExpression.js:41-51).
import { Temporal } from 'temporal-polyfill';
import { TZDate, tz } from '@date-fns/tz';
import * as chrono from 'chrono-node';
import { CronExpressionParser } from 'cron-parser';
import { registerAfterRestore } from 'snapshot-restore';

const bootInstant = Temporal.Now.instant(); // expect: SR105 (Temporal.Now.instant() at init, kept)
const today = Temporal.Now.plainDateISO('UTC'); // expect: SR105 (today's date read at init and kept: stale after a restore on a later day)
const launch = Temporal.PlainDate.from('2026-01-01'); // expect: none (a given date)
const window = Temporal.Duration.from({ hours: 1 }); // expect: none (a duration)

const loadedAt = new TZDate(); // expect: SR105 (a TZDate with no arguments is now)
const singaporeNow = TZDate.tz('Asia/Singapore'); // expect: SR105 (TZDate.tz(zone) with no date is now in that zone)
const cutoff = new TZDate(2026, 0, 31, 23, 59, 'UTC'); // expect: none (given fields)
const inNewYork = tz('America/New_York'); // expect: none (a context function: no date made)

const reportDay = chrono.parseDate('tomorrow at 9am'); // expect: SR105 (relative to new Date() at init: "tomorrow" is the day after the snapshot)
const fixed = chrono.parseDate('2026-03-01T10:00:00Z'); // expect: none (an absolute timestamp: the reference date does not change it)

const every5 = CronExpressionParser.parse('*/5 * * * *'); // expect: SR105 (no currentDate: the iterator starts from the time of init)
const nextRun = every5.next(); // expect: none (derived from the iterator counted on the line above)
const planned = CronExpressionParser.parse('0 2 * * *', { currentDate: '2026-01-01T00:00:00Z', tz: 'UTC' }); // expect: none (a given currentDate)

let restoredAt = Temporal.Now.instant(); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  restoredAt = Temporal.Now.instant();
});

export const handler = async () => {
  const now = Temporal.Now.instant(); // expect: none (in the handler)
  const nextNightly = CronExpressionParser.parse('0 2 * * *').next(); // expect: none (in the handler)
  return {
    upMs: now.epochMilliseconds - bootInstant.epochMilliseconds,
    sinceRestore: now.since(restoredAt).total('milliseconds'),
    today: today.toString(), launch: launch.toString(), window: window.toString(), loadedAt: loadedAt.toISOString(),
    sg: singaporeNow.toISOString(), cutoff: cutoff.toISOString(), ny: inNewYork(Date.now()).toString(),
    reportDay, fixed, next: nextRun.toISOString(), planned: planned.next().toISOString(), nextNightly: nextNightly.toISOString(),
  };
};
