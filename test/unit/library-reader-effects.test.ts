// The library reader's summary of what a library function does (plugin/core/library/calls.ts,
// facts.ts), on shapes of published builds it once lost the thread in: an export made in a
// declaration or under an environment test, a pool filled through a static picked from several
// returns, `this` as the CommonJS module, an array's callbacks, members given as object literals
// to a helper, the strict reading (what a call surely does with the arguments given), and a
// dependency's draws. Each package is generated into a temporary node_modules.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExpression } from '@babel/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { lintUniqueness } from '../../plugin/core/index.js';
import { callEffects } from '../../plugin/core/library/calls.js';
import { libraryFacts } from '../../plugin/core/library/facts.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'library-effects-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let packages = 0;

function pkg(files: Record<string, string>, manifest: Record<string, unknown> = {}, name = `fake-effects-${++packages}`): string {
  const dir = path.join(root, 'node_modules', name);
  for (const [file, text] of Object.entries({ 'package.json': JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...manifest }), ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return name;
}
const handler = path.join(root, 'handler.mjs');
const effects = (name: string, exportPath: string[], args: string[] = [], strict = false) =>
  callEffects(
    name,
    handler,
    exportPath,
    args.map((a) => parseExpression(a)),
    { strict },
  );
const codes = (source: string) => lintUniqueness(source, path.join(root, 'handler.ts'), { defaultExportIsHandler: true }).map((f) => `${f.code}:${f.location!.line}`);

describe('where a CommonJS export is made', () => {
  it('reads `var f = module.exports = function` as the export', () => {
    const name = pkg({
      'index.js':
        'var hat = module.exports = function (bits) { return Math.floor(Math.random() * bits).toString(16); };\nhat.rack = function () { return function () { return hat(); }; };',
    });
    expect(effects(name, ['default'])?.random).toBe(true);
    expect(effects(name, ['default', 'rack'])?.random).toBe(false);
    expect(effects(name, ['default', 'rack'])?.generator?.random).toBe(true);
  });

  it('reads an export made under an environment test, and a pool filled through a static whose first return is not known', () => {
    const name = pkg({
      'index.js': `(function () {
  var buf, crypt0;
  if (typeof crypto !== 'undefined') crypt0 = crypto;
  if (typeof module !== 'undefined' && typeof require === 'function') {
    crypt0 = crypt0 || require('crypto');
    module.exports = uuid;
  } else if (typeof window !== 'undefined') {
    window.uuid = uuid;
  }
  uuid.randomBytes = (function () {
    if (crypt0) { if (crypt0.randomBytes) return crypt0.randomBytes; }
    return function (n) { var bytes = new Uint8Array(n); crypt0.getRandomValues(bytes); return bytes; };
  })();
  function pooled(n) { if (!buf) buf = uuid.randomBytes(4096); return buf.slice(0, n); }
  function uuid() { return pooled(16).join('-'); }
  uuid.test = function (s) { return typeof s === 'string'; };
})();`,
    });
    expect(effects(name, ['default'])?.random).toBe(true);
    expect(effects(name, ['default', 'test'])?.random).toBe(false);
  });

  it('reads `this` in an exported function as the module (`exports.a = function () { this.b() }`)', () => {
    const name = pkg({
      'index.js':
        "var crypto = require('crypto');\nexports.generateSecret = function (o) { return { ascii: this.generateSecretASCII(o.length) }; };\nexports.generateSecretASCII = function (n) { return crypto.randomBytes(n).toString('hex'); };",
    });
    expect(effects(name, ['default', 'generateSecret'])?.random).toBe(true);
  });
});

describe('what runs before a call returns', () => {
  it("runs an array's callbacks at once, not a promise's", () => {
    const name = pkg({
      'index.js':
        "exports.names = function (d) { return d.reduce(function (acc, w) { return acc + w[Math.floor(Math.random() * w.length)]; }, ''); };\nexports.later = function () { return Promise.resolve().then(function () { return Math.random(); }); };",
    });
    expect(effects(name, ['default', 'names'])?.random).toBe(true);
    expect(effects(name, ['default', 'later'])?.random).toBe(false);
  });

  it('finds the members of objects built by a helper from object literals (`Object.defineProperties({}, { ...props({ instant() {} }) })`)', () => {
    const name = pkg(
      {
        'index.js': `const props = (values) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
const Now = Object.defineProperties({}, { ...props({ instant() { return { ms: Date.now() }; }, zone() { return 'UTC'; } }) });
const Base = { extend(o) { const sub = Object.create(this); Object.assign(sub, o); return sub; } };
const WordArray = Base.extend({ random(n) { return globalThis.crypto.getRandomValues(new Uint8Array(n)); } });
export const Temporal = Object.defineProperties({}, { ...props({ Now }) });
export const lib = { WordArray };`,
      },
      { type: 'module' },
    );
    expect(effects(name, ['Temporal', 'Now', 'instant'])?.clock).toBe(true);
    expect(effects(name, ['Temporal', 'Now', 'zone'])?.clock).toBeFalsy();
    expect(effects(name, ['lib', 'WordArray', 'random'])?.random).toBe(true);
  });
});

describe('the strict reading: what a call surely does with the arguments given', () => {
  const name = pkg(
    {
      'index.js': `export function totp(options) { const time = options.time != null ? options.time : Date.now() / 1000; return String(Math.floor(time / 30)); }
export function at(...args) { return args.every(Number.isFinite) && args.length > 0 ? new Date(...args) : new Date(); }
export function parse(expr, options = {}) { return { expr, start: new Date(options.currentDate ?? Date.now()) }; }`,
    },
    { type: 'module' },
  );
  it('takes a branch only when the arguments decide its guard', () => {
    expect(effects(name, ['totp'], ['{ secret: "A" }'], true)?.clock).toBe(true);
    expect(effects(name, ['totp'], ['{ secret: "A", time: 1700000000 }'], true)?.clock).toBeFalsy();
    // Undecided (what a callback says of each argument): the loose reading takes it, the strict one does not.
    expect(effects(name, ['at'], ['2026', '0'])?.clock).toBe(true);
    expect(effects(name, ['at'], ['2026', '0'], true)?.clock).toBeFalsy();
  });

  it('reads `a ?? b` by what the left side is for the call', () => {
    expect(effects(name, ['parse'], ['"* * * * *"'], true)?.clock).toBe(true);
    expect(effects(name, ['parse'], ['"* * * * *"', '{ currentDate: "2026-01-01" }'], true)?.clock).toBeFalsy();
    expect(effects(name, ['parse'], ['"* * * * *"', '{ currentDate: "2026-01-01" }'])?.clock).toBeFalsy();
  });

  it('reports a clock reading kept at init when the arguments leave no other path (SR105), not when they give the time', () => {
    expect(
      codes(`import { totp, at, parse } from '${name}';
const code = totp({ secret: 'A' });
const given = totp({ secret: 'A', time: 1700000000 });
const day = at(2026, 0, 31);
const every = parse('*/5 * * * *');
const planned = parse('0 2 * * *', { currentDate: '2026-01-01' });
export default async () => ({ code, given, day, every, planned });`),
    ).toEqual(['SR105:2', 'SR105:5']);
  });
});

describe('a blank Date set in full before it is read', () => {
  it('is the given value, not a clock reading; one set only in part still reads the clock', () => {
    // @js-temporal/polyfill's epoch-milliseconds helper: `d = new Date; d.setUTCHours(h, m, s, ms); d.setUTCFullYear(y, mo, d)`.
    const name = pkg(
      {
        'index.js': `function epochMs(y, mo, day, h, m, s, ms) { const d = new Date; d.setUTCHours(h, m, s, ms); d.setUTCFullYear(y, mo - 1, day); return d.getTime(); }
function fromMs(ms) { const d = new Date(); d.setTime(ms); return d; }
function startOfSecond() { const d = new Date(); d.setMilliseconds(0); return d; }
function dayOnly(y, mo, day) { const d = new Date(); d.setUTCFullYear(y, mo, day); return d; }
export function parseDate(text) { const [y, mo, day] = text.split('-').map(Number); return { ms: epochMs(y, mo, day, 0, 0, 0, 0) }; }
export function fromEpoch(ms) { return fromMs(ms); }
export function started() { return startOfSecond(); }
export function onDay(y, mo, day) { return dayOnly(y, mo, day); }`,
      },
      { type: 'module' },
    );
    for (const strict of [false, true]) {
      expect(effects(name, ['parseDate'], ['"2025-12-31"'], strict)?.clock).toBeFalsy();
      expect(effects(name, ['fromEpoch'], ['0'], strict)?.clock).toBeFalsy();
      expect(effects(name, ['started'], [], strict)?.clock).toBe(true);
      expect(effects(name, ['onDay'], ['2026', '0', '1'], strict)?.clock).toBe(true);
    }
    expect(
      codes(`import { parseDate, started } from '${name}';
const cutoff = parseDate('2025-12-31');
const boot = started();
export default async () => ({ cutoff, boot });`),
    ).toEqual(['SR105:3']);
  });
});

describe("a parameter's default the call gives a value for", () => {
  it('does not run: a key given is not drawn (SR103 only when nothing is given)', () => {
    // otpauth's `constructor({ secret = new Secret() } = {})`, Secret drawing its bytes.
    const name = pkg({
      'index.js': `const crypto = require('crypto');
class Secret { constructor({ size = 20 } = {}) { this.bytes = crypto.randomBytes(size); } static fromBase32(text) { return Object.assign(Object.create(Secret.prototype), { bytes: Buffer.from(text) }); } }
class TOTP { constructor({ issuer = '', secret = new Secret() } = {}) { this.issuer = issuer; this.secret = secret; } }
module.exports = { Secret, TOTP };`,
    });
    expect(effects(name, ['TOTP'], ['{ issuer: "A", secret: Secret.fromBase32(env) }'], true)?.random).toBeFalsy();
    expect(effects(name, ['TOTP'], ['{ issuer: "A", secret: "JBSW" }'])?.random).toBeFalsy();
    expect(effects(name, ['TOTP'], ['{ issuer: "A", secret: env }'])?.random).toBe(true);
    expect(effects(name, ['TOTP'], ['{ issuer: "A" }'], true)?.random).toBe(true);
    expect(effects(name, ['TOTP'], [], true)?.random).toBe(true);
    expect(
      codes(`import { Secret, TOTP } from '${name}';
const totp = new TOTP({ issuer: 'A', secret: Secret.fromBase32(process.env.S ?? 'JBSW') });
const enrolment = new TOTP({ issuer: 'A' });
const recovery = new Secret({ size: 32 });
export default async () => ({ totp, enrolment, recovery });`),
    ).toEqual(['SR103:3', 'SR103:4']);
  });
});

describe("a package's facts include its dependencies'", () => {
  it('draws randomness through a dependency (csrf → uid-safe)', () => {
    const inner = pkg({ 'index.js': "exports.sync = function (n) { return require('crypto').randomBytes(n).toString('base64'); };" });
    const outer = pkg(
      { 'index.js': `var uid = require('${inner}');\nfunction Tokens() {}\nTokens.prototype.secretSync = function () { return uid.sync(18); };\nmodule.exports = Tokens;` },
      { dependencies: { [inner]: '1.0.0' } },
    );
    expect(libraryFacts(outer, handler)?.random).toBe(true);
    expect(
      codes(`import Tokens from '${outer}';
const tokens = new Tokens();
const csrfSecret = tokens.secretSync();
export default async () => ({ csrfSecret });`),
    ).toEqual(['SR103:3']);
  });

  it('leaves a value made from a seed the caller gives silent', () => {
    // The seed's path is not decided by the reading (a variable the callback reassigns): the option says it.
    const name = pkg({
      'index.js':
        'class G { constructor(o) { this.seed = o.seed; }\n  generate() { let s = this.seed; return [1, 2].map(() => { if (s) { s = (s * 7) % 13; return s; } return Math.random(); }).join("-"); } }\nexports.uniqueName = (o) => new G(o).generate();',
    });
    expect(
      codes(`import { uniqueName } from '${name}';
const drawn = uniqueName({ words: 2 });
const fixed = uniqueName({ words: 2, seed: 42 });
export default async () => ({ drawn, fixed });`),
    ).toEqual(['SR104:2']);
  });
});

describe('work at init on a kept library value', () => {
  it('reads a method whose result is dropped, awaited or handled, for the timer it arms (SR106)', () => {
    const name = pkg({
      'index.js':
        'class Limiter { constructor(o) { this.duration = o.duration; this.records = new Map(); }\n  consume(key) { const t = setTimeout(() => this.records.delete(key), this.duration); t.unref(); this.records.set(key, t); return Promise.resolve(); }\n  peek(key) { return this.records.get(key); } }\nmodule.exports = { Limiter };',
    });
    expect(
      codes(`import { Limiter } from '${name}';
const limiter = new Limiter({ duration: 60000 });
await limiter.consume('boot').catch(() => undefined);
limiter.peek('boot');
export default async () => limiter.consume('x');`),
    ).toEqual(['SR106:3']);
  });

  it('calls a kept function made by a library (a memoized function) and reads what calling it does', () => {
    const name = pkg({ 'index.js': 'module.exports = function memoize(fn, o) { return function () { const v = fn(); setTimeout(function () {}, o.maxAge); return v; }; };' });
    expect(
      codes(`import memoize from '${name}';
const getPlan = memoize(async () => 1, { maxAge: 1000 });
await getPlan();
export default async () => getPlan();`),
    ).toEqual(['SR106:3']);
  });

  it('waits for a request when init waits for a method of its answer (`await api.get(path).json()`), through a library that calls the global fetch', () => {
    const name = pkg({
      'index.js':
        'class Api { constructor(o) { this.fetch = o.fetch ?? globalThis.fetch.bind(globalThis); }\n  get(p) { return { json: () => this.fetch(p).then((r) => r.json()) }; } }\nexports.create = (o) => new Api(o);',
    });
    expect(
      codes(`import { create } from '${name}';
export const api = create({ prefixUrl: 'https://api.internal' });
export const settings = await api.get('settings').json().catch(() => ({}));
export default async () => settings;`),
    ).toEqual(['SR107:3']);
  });

  it('leaves requests a library makes only through the AWS SDK out of SR107 (the SDK retries a stale socket)', () => {
    const sdk = pkg({ 'index.js': "const https = require('https');\nexports.send = function () { return https.request({}); };" }, {}, '@aws-sdk/fake-client');
    const wrapper = pkg({ 'index.js': `const c = require('${sdk}');\nexports.getParameter = async (name, o) => c.send({ name, o });` }, { dependencies: { [sdk]: '1.0.0' } });
    expect(libraryFacts(wrapper, handler)).toMatchObject({ sockets: true, awsSdk: true });
    expect(
      codes(`import { getParameter } from '${wrapper}';
export const table = await getParameter('/app/table');
export default async () => table;`),
    ).toEqual([]);
  });
});

describe('SR108: a secret the init keeps', () => {
  it('is a decrypted parameter, also when the awaited promise is handled on the way', () => {
    const name = pkg({ 'index.js': 'exports.getParameter = async (name, o) => ({ name, o });\nexports.Client = class { send(c) { return Promise.resolve(c); } };' });
    expect(
      codes(`import { getParameter, Client } from '${name}';
class GetParameterCommand { constructor(input) { this.input = input; } }
const client = new Client();
export const password = await getParameter('/db/password', { decrypt: true }).catch(() => undefined);
export const table = await getParameter('/db/table').catch(() => 'orders');
export const stripe = await client.send(new GetParameterCommand({ Name: '/stripe', WithDecryption: true })).then((r) => r.Parameter);
export const token = await getAuthToken().catch(() => '');
async function getAuthToken() { return 't'; }
export default async () => ({ password, table, stripe, token });`),
    ).toEqual(['SR108:4', 'SR108:6', 'SR108:7']);
  });
});

describe('where a library value made at init is kept', () => {
  it('in a frozen object, an array built at once from a callback, a promise its executor resolves', () => {
    const name = pkg({ 'index.js': "module.exports = function draw() { return require('crypto').randomBytes(16).toString('hex'); };" });
    expect(
      codes(`import uuid from '${name}';
export const services = Object.freeze({ instanceId: uuid(), region: 'eu' });
export const batchIds = Array.from({ length: 4 }, () => uuid());
const ids = [1, 2].map(function () { return uuid(); });
const deploymentId = new Promise((resolve) => resolve(uuid()));
const later = () => Array.from({ length: 2 }, () => uuid());
export default async () => ({ services, batchIds, ids, d: await deploymentId, l: later() });`),
    ).toEqual(['SR104:2', 'SR104:3', 'SR104:4', 'SR104:5']);
  });
});

describe('a number given to an ID generator', () => {
  it('is a size when the library draws whatever it is (`hat(32)`), a value to parse when it decides the draw away', () => {
    const name = pkg({
      'index.js':
        "var hat = module.exports = function (bits) { var s = ''; for (var i = 0; i < bits / 4; i++) s += Math.floor(Math.random() * 16).toString(16); return s; };\nhat.objectId = function (given) { if (given == null) return Math.random().toString(16); return String(given); };",
    });
    expect(
      codes(`import hat from '${name}';
export const nodeId = hat(32);
export const parsedId = hat.objectId('64b7f0c2');
export default async () => ({ nodeId, parsedId });`),
    ).toEqual(['SR104:2']);
  });
});

describe('an object that keeps several library values', () => {
  it('keeps each at its own property, so each is judged (a frozen singleton of services)', () => {
    const name = pkg({
      'index.js':
        "exports.uuid = function () { return require('crypto').randomBytes(16).toString('hex'); };\nexports.secretKey = function () { return require('crypto').randomBytes(32); };",
    });
    expect(
      codes(`import { uuid, secretKey } from '${name}';
export const services = Object.freeze({
  region: 'eu-west-1',
  instanceId: uuid(),
  signing: secretKey(),
});
export default async () => services;`),
    ).toEqual(['SR104:4', 'SR103:5']);
  });
});

describe("a one-time listener on the module's own emitter", () => {
  it('runs at init only when init emits its event', () => {
    expect(
      codes(`import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
let configuredAt = 0;
let invokedAt = 0;
bus.once('configured', () => { configuredAt = Date.now(); });
bus.emit('configured');
bus.once('invoked', () => { invokedAt = Date.now(); });
bus.once('loop', () => bus.emit('loop'));
export default async () => { bus.emit('invoked'); return { configuredAt, invokedAt }; };`),
    ).toEqual(['SR105:5']);
  });
});

describe('a method of an instance the module constructs', () => {
  it('is read on the state the constructor leaves for the arguments given (`ttl: Infinity` arms no timer)', () => {
    const name = pkg({
      'index.js':
        'class TTLCache { constructor({ ttl, max = Infinity } = {}) { this.ttl = ttl; this.max = max; this.data = new Map(); }\n  set(key, value, { ttl = this.ttl } = {}) { this.data.set(key, value); if (ttl !== Infinity) { const t = setTimeout(() => this.data.delete(key), ttl); t.unref(); } return this; } }\nmodule.exports = { TTLCache };',
    });
    expect(
      codes(`import { TTLCache } from '${name}';
const rates = new TTLCache({ ttl: 60000 });
rates.set('EUR', 1.08);
const forever = new TTLCache({ ttl: Infinity });
forever.set('region', 'eu-west-1');
export default async () => [rates, forever];`),
    ).toEqual(['SR106:3']);
  });
});

describe('a rest parameter', () => {
  it('has the length of the arguments given, so `args.length ? given : now` is decided', () => {
    const name = pkg(
      {
        'index.js': `export class TZDate extends Date {
  constructor(...args) { super(...(args.length ? args : [Date.now()])); }
  static tz(zone, ...args) { return args.length ? new TZDate(...args) : new TZDate(Date.now()); }
}`,
      },
      { type: 'module' },
    );
    expect(effects(name, ['TZDate', 'tz'], ['"Asia/Singapore"'], true)?.clock).toBe(true);
    expect(effects(name, ['TZDate', 'tz'], ['"Asia/Singapore"', '2026', '0'], true)?.clock).toBeFalsy();
    expect(
      codes(`import { TZDate } from '${name}';
const singaporeNow = TZDate.tz('Asia/Singapore');
const cutoff = TZDate.tz('UTC', 2026, 0, 31);
export default async () => ({ singaporeNow, cutoff });`),
    ).toEqual(['SR105:2']);
  });
});
