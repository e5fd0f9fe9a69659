// Date libraries the corpus has no table for: @js-joda/core 6.3, spacetime 7.15, moment-timezone 0.6.
import { Instant, LocalDate, LocalDateTime, ZoneOffset } from '@js-joda/core';
import spacetime from 'spacetime';
import moment from 'moment-timezone';
import { registerAfterRestore } from 'snapshot-restore';

const bootedAt = Instant.now(); // expect: SR105 (Instant.now() reads Clock.systemUTC(): Date.now(); kept)
const today = LocalDate.now(ZoneOffset.UTC); // expect: SR105 (LocalDate.now(): today's date from the system clock, kept across days of restores)
const launch = LocalDateTime.parse('2024-01-01T00:00:00'); // expect: none (a given date)

const s = spacetime.now('Europe/Paris'); // expect: SR105 (spacetime.now(): new Date() epoch, kept)
const fixed = spacetime('2024-03-10', 'America/New_York'); // expect: none (a given date)

const nyNow = moment.tz('America/New_York'); // expect: SR105 (moment-timezone: moment.tz(zone) with no date is "now" (moment() of the current time))
const nyLaunch = moment.tz('2024-01-01 09:00', 'America/New_York'); // expect: none (a given date)

let cacheDay = LocalDate.now(); // expect: none (renewed after each restore below)
registerAfterRestore(() => {
  cacheDay = LocalDate.now();
});

export const handler = async () => ({
  uptime: Instant.now().epochSecond() - bootedAt.epochSecond(), // expect: none (in the handler)
  today: today.toString(),
  launch: launch.toString(),
  s: s.format('iso'),
  fixed: fixed.format('iso'),
  ny: nyNow.format(),
  nyLaunch: nyLaunch.format(),
  cacheDay: cacheDay.toString(),
});
