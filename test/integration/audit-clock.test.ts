// The run-time audit judges a clock read made inside a library by what init keeps: the read is a
// hazard (SR105, at the user's line that made the library read it) when a module-scope value of
// the user's holds its time at the snapshot point, in whatever form: epoch ms, epoch seconds, a
// Date (also one shifted by a zone offset), ISO or HTTP text, or an object holding that day's
// fields. A library in the project's node_modules keeps each form (generated below), so the
// audit cannot know it by name; real date libraries of the corpus do the same.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject, differences, expectations, foundAt, hasCorpus } from '../helpers/audit-project.js';

/** A library of its own, in node_modules, that reads the clock and hands back (or keeps) what it read in many forms. */
const CLOCK_LIBRARY = `
const shift = 5 * 3600 * 1000;
exports.forms = {
  ms: () => Date.now(),
  seconds: () => Math.floor(Date.now() / 1000),
  fraction: () => Date.now() / 1000,
  date: () => new Date(),
  shifted: () => ({ _wall: new Date(Date.now() - shift), _offset: -300 }),
  iso: () => ({ stamp: new Date().toISOString() }),
  http: () => [new Date().toUTCString()],
  fields: () => { const d = new Date(); return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }; },
  perf: () => ({ at: Math.round(performance.timeOrigin + performance.now()) }),
};
exports.duration = () => { const t0 = Date.now(); for (let i = 0; i < 1e5; i++); return Date.now() - t0; };
// A read not kept cannot be told from a kept one made in the same millisecond (the gauge's, two
// lines later, which no assigning line claims): the log sleeps 2 ms after its read (Atomics.wait
// reads no clock), so the test does not depend on where the clock ticks (it failed once on Node 22).
exports.log = (text) => { const at = new Date(); process.stdout.write(at.toISOString() + ' ' + text + '\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2); return text.length; };
exports.given = () => new Date(Date.UTC(2024, 0, 1));
exports.Gauge = class Gauge { constructor() { this.values = {}; } set(v) { this.values[''] = { value: v }; } setToCurrentTime() { this.set(Date.now() / 1000); } };
const { EventEmitter } = require('node:events');
exports.Client = class Client extends EventEmitter { constructor() { super(); this.connectedAt = Date.now(); } };
exports.ping = () => { exports.last = Date.now(); return 'pong'; };
exports.parse = (text) => { const d = new Date(); if (text === 'tomorrow') { d.setUTCDate(d.getUTCDate() + 1); d.setUTCHours(9, 0, 0, 0); } else d.setTime(Date.parse(text)); return d; };
`;

function withClockLibrary(dir: string): void {
  const lib = path.join(dir, 'node_modules', 'clocklib');
  fs.mkdirSync(lib, { recursive: true });
  fs.writeFileSync(path.join(lib, 'package.json'), '{ "name": "clocklib", "version": "1.0.0", "main": "index.js" }');
  fs.writeFileSync(path.join(lib, 'index.js'), CLOCK_LIBRARY);
}

describe('the run-time audit: clock reads judged by what init keeps', () => {
  it('finds a library read kept in any form at the line that made it, and nothing for reads not kept', async () => {
    const files = {
      'src/handler.ts': `import lib from 'clocklib';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const ms = lib.forms.ms(); // expect: SR105
export const seconds = lib.forms.seconds(); // expect: SR105
export const fraction = lib.forms.fraction(); // expect: SR105
export const date = lib.forms.date(); // expect: SR105
export const shifted = lib.forms.shifted(); // expect: SR105
export const iso = lib.forms.iso(); // expect: SR105
export const http = lib.forms.http(); // expect: SR105
export const fields = lib.forms.fields(); // expect: SR105
export const perf = lib.forms.perf(); // expect: SR105
export const took = lib.duration(); // expect: none (a duration holds no time)
lib.log('init'); // expect: none (a log line's time is not kept)
export const launch = lib.given(); // expect: none (a given date)
const gauge = new lib.Gauge();
gauge.setToCurrentTime(); // expect: SR105 (kept in the gauge)
export const client = new lib.Client(); // expect: none (a client's own time is its own)
let renewed = lib.forms.date(); // expect: none (renewed after the restore)
registerAfterRestore(() => {
  renewed = lib.forms.date();
});
let atSnapshot: Date | undefined;
registerBeforeSnapshot(() => {
  atSnapshot = lib.forms.date(); // expect: SR105 (the snapshot's own time, kept)
});
Promise.resolve().then(() => {
  later = lib.forms.iso(); // expect: SR105 (in a microtask of init)
});
export let later: unknown;

export const handler = async () => ({ gauge, renewed, atSnapshot, now: lib.forms.date() });
`,
    };
    const dir = auditProject(files);
    withClockLibrary(dir);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(differences(expectations(files), foundAt(audit.findings.filter((f) => f.code === 'SR105')))).toEqual([]);
    const seen = audit.seen.filter((thing) => thing.kind === 'clock' && thing.site?.startsWith('src/handler.ts:13'));
    expect(seen.length).toBeGreaterThan(0);
  });

  it('does not take a read for another kept in the same millisecond: a Date by the read that made it (unless set far from it), a time several reads gave by none of them', async () => {
    // The loop ends once the library's read and the kept ones fell in the same millisecond.
    const files = {
      'src/handler.ts': `import lib from 'clocklib';

export let bootedAt = new Date(0);
export let bootMs = 0;
do {
  lib.ping(); // expect: none (the library's own read, not kept by the user)
  bootedAt = new Date(); // expect: SR105
  bootMs = Date.now(); // expect: SR105
} while (lib.last !== bootedAt.getTime() || lib.last !== bootMs);
export const tomorrow = lib.parse('tomorrow'); // expect: SR105 (the Date the read made, moved to a time relative to it)
export const fixedDay = lib.parse('2020-03-01T10:00:00Z'); // expect: none (a given time, set on the Date the read made)

export const handler = async () => ({ bootedAt, bootMs, tomorrow, fixedDay });
`,
    };
    const dir = auditProject(files);
    withClockLibrary(dir);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(differences(expectations(files), foundAt(audit.findings.filter((f) => f.code === 'SR105')))).toEqual([]);
  });

  it.skipIf(!hasCorpus())('finds the time kept by real date libraries (dayjs, luxon, moment), not a date they were given', async () => {
    const files = {
      'src/handler.ts': `import dayjs from 'dayjs';
import { DateTime } from 'luxon';
import moment from 'moment';

export const a = dayjs(); // expect: SR105
export const b = DateTime.now(); // expect: SR105
export const c = moment.utc(); // expect: SR105
export const d = DateTime.fromISO('2024-01-01T00:00:00Z'); // expect: none
export const e = dayjs('2024-03-10'); // expect: none

export const handler = async () => ({ a, b, c, d, e });
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(differences(expectations(files), foundAt(audit.findings.filter((f) => f.code === 'SR105')))).toEqual([]);
  });
});
