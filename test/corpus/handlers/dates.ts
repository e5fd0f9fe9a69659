// dayjs, moment, luxon, date-fns: "now" through a date library is a timestamp like Date.now().
import dayjs from 'dayjs';
import moment from 'moment';
import { DateTime } from 'luxon';
import { addDays, endOfToday, format, parseISO, startOfToday } from 'date-fns';

export const startedAt = dayjs(); // expect: SR105 (dayjs/esm/index.js parseDate: an undefined date is new Date())
export const bootDay = dayjs().format('YYYY-MM-DD'); // expect: SR105 (the same, formatted)
export const fixed = dayjs('2024-01-01'); // expect: none (a given date, not the clock)
export const loadedAt = moment(); // expect: SR105 (moment/moment.js createLocal → configFromInput: no input is new Date(hooks.now()))
export const utcNow = moment.utc(); // expect: SR105 (the same in UTC)
export const release = moment('2020-01-01'); // expect: none (a given date)
export const now = DateTime.now(); // expect: SR105 (luxon/src/datetime.js static now(): Settings.now())
export const local = DateTime.local(); // expect: SR105 (static local() with no arguments is now)
export const birthday = DateTime.local(2020, 1, 1); // expect: none (a given date)
export const parsed = DateTime.fromISO('2020-01-01T00:00:00Z'); // expect: none (a given date)
export const today = startOfToday(); // expect: SR105 (date-fns/startOfToday.js: startOfDay(Date.now()))
export const tonight = endOfToday(); // expect: SR105 (endOfToday.js: endOfDay(Date.now()))
export const year = format(new Date(), 'yyyy'); // expect: SR105 (new Date() is the clock)
export const later = addDays(parseISO('2020-01-01'), 1); // expect: none (date arithmetic on a given date)
export const label = format(parseISO('2020-01-01'), 'yyyy-MM-dd'); // expect: none (formats a given date)

export const handler = async () => ({ at: dayjs().toISOString(), m: moment().format(), l: DateTime.now().toISO(), d: startOfToday() }); // expect: none (in the handler)
