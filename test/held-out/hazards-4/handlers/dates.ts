// Date libraries no earlier set covers. @internationalized/date 3.12.4: now(tz) is fromAbsolute(Date.now(), tz)
// (dist/private/queries.mjs:67) and today(tz) is now(tz) reduced to its date; parseDate / new CalendarDate take a
// given date. rrule 2.8.1: the RRule constructor parses its options and, without dtstart, sets
// `opts.dtstart = new Date(new Date().setMilliseconds(0))` (dist/es5/rrule.js:1973), so every occurrence counts from
// init's clock; with dtstart it reads no clock. @js-temporal/polyfill 0.5.1: Temporal.Now.instant()/plainDateISO()/
// zonedDateTimeISO() read the system clock (dist/index.cjs `Now` object → Po(), Date.now()-based); Temporal.Now.timeZoneId()
// only reads the zone; Temporal.PlainDate.from / Instant.from parse given values.
import { CalendarDate, getLocalTimeZone, now, parseDate, today } from '@internationalized/date';
import { RRule, datetime } from 'rrule';
import { Temporal } from '@js-temporal/polyfill';
import { registerAfterRestore } from 'snapshot-restore';

const zone = getLocalTimeZone(); // expect: none (the zone name, not a time)
export const startedAt = now('Europe/Berlin'); // expect: SR105 (a ZonedDateTime of init's clock, kept)
const businessDay = today(zone); // expect: SR105 (init's date, kept: wrong from the first restore on another day)
const launch = parseDate('2024-03-01'); // expect: none (a given date)
const fiscalStart = new CalendarDate(2025, 4, 1); // expect: none (a given date)

const nightly = new RRule({ freq: RRule.DAILY, byhour: [2], byminute: [0] }); // expect: SR105 (no dtstart: the rule starts at init's clock, kept in its options)
const weekly = new RRule({ freq: RRule.WEEKLY, dtstart: datetime(2024, 1, 1, 9, 0), byweekday: [RRule.MO] }); // expect: none (an explicit dtstart: no clock read)
const fromText = RRule.fromString('DTSTART:20240101T090000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1'); // expect: none (DTSTART given in the text)

const bootInstant = Temporal.Now.instant(); // expect: SR105 (Temporal's clock read at init and kept)
const bootDate = Temporal.Now.plainDateISO('UTC'); // expect: SR105 (today's date at init, kept)
const tzId = Temporal.Now.timeZoneId(); // expect: none (a zone id)
const cutoff = Temporal.PlainDate.from('2025-12-31'); // expect: none (a given date)
const epoch = Temporal.Instant.from('2024-01-01T00:00:00Z'); // expect: none (a given instant)

let cacheDay = Temporal.Now.plainDateISO('UTC'); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  cacheDay = Temporal.Now.plainDateISO('UTC');
});

export const handler = async () => {
  const requestTime = now('UTC'); // expect: none (in the handler)
  const next = nightly.after(new Date()); // expect: none (in the handler; the rule's stale dtstart is the hazard above)
  const instant = Temporal.Now.instant(); // expect: none (in the handler)
  return {
    requestTime: requestTime.toString(),
    next: next?.toISOString(),
    weekly: weekly.after(new Date())?.toISOString(),
    monthly: fromText.all((_, i) => i < 2).map((d) => d.toISOString()),
    instant: instant.toString(),
    startedAt: startedAt.toString(),
    businessDay: businessDay.toString(),
    launch: launch.toString(),
    fiscalStart: fiscalStart.toString(),
    bootInstant: bootInstant.toString(),
    bootDate: bootDate.toString(),
    tzId,
    cutoff: cutoff.toString(),
    epoch: epoch.toString(),
    cacheDay: cacheDay.toString(),
  };
};
