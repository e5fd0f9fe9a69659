// The library reader (plugin/core/library/calls.ts): what calling a library's export does, read
// from its installed files. Each reading step is tested on small generated packages shaped like
// real published builds (written to a temporary node_modules), and on a real installed library.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExpression } from '@babel/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { callEffects } from '../../plugin/core/library/calls.js';
import { entriesOf } from '../../plugin/core/library/resolve.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'library-reader-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let packages = 0;

/** Writes a package (files by relative path) into the temporary node_modules; returns its name. */
function pkg(files: Record<string, string>, manifest: Record<string, unknown> = {}): string {
  const name = `fake-lib-${++packages}`;
  const dir = path.join(root, 'node_modules', name);
  for (const [file, text] of Object.entries({ 'package.json': JSON.stringify({ name, version: '1.0.0', ...manifest }), ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return name;
}
const esmHandler = path.join(root, 'handler.mjs');
const cjsHandler = path.join(root, 'handler.cjs');
const effects = (name: string, exportPath: string[], args: string[] = [], from = esmHandler) =>
  callEffects(
    name,
    from,
    exportPath,
    args.map((a) => parseExpression(a)),
  );
const corpus = path.join(__dirname, '../corpus/handlers/handler.mjs');
const corpusInstalled = fs.existsSync(path.join(__dirname, '../corpus/node_modules/lru-cache/package.json'));

describe('entries of a package', () => {
  it('lists every entry of a dual package, ES first for an ES importer and CommonJS first otherwise', () => {
    const manifest = { main: './dist/x.cjs', module: './dist/x.js', exports: { '.': { import: { types: './x.d.ts', default: './dist/x.js' }, require: './dist/x.cjs' } } };
    expect(entriesOf(manifest, '', ['node', 'import', 'module', 'default', 'require'])).toEqual(['./dist/x.js', './dist/x.cjs']);
    expect(entriesOf(manifest, '', ['node', 'require', 'default', 'import', 'module'])).toEqual(['./dist/x.cjs', './dist/x.js']);
    expect(entriesOf({ exports: { './*': { default: './lib/*.js' } } }, 'utils', ['default'])).toEqual(['./lib/utils.js', 'utils']);
  });

  it('reads the ES build when the CommonJS one is a bundle it cannot see into, and the other way round', () => {
    // The CommonJS entry hides the export behind a runtime lookup; the ES entry states it.
    const both = pkg(
      {
        'cjs.cjs': 'const m = {}; Object.assign(m, globalThis.__lib); module.exports = m;',
        'esm.js': 'export function tick() { return setInterval(() => {}, 1000); }',
      },
      { exports: { '.': { require: './cjs.cjs', import: './esm.js' } } },
    );
    expect(effects(both, ['tick'])?.timers).toBe(true);
    // A CommonJS importer tries the require entry first, then falls back to the ES one.
    expect(effects(both, ['tick'], [], cjsHandler)?.timers).toBe(true);
  });
});

describe('builds that wrap the module', () => {
  it('UMD: the factory the header calls with exports and require("crypto")', () => {
    const name = pkg(
      {
        'umd.js': `(function (global, factory) {
  if (typeof define === "function" && define.amd) define(["crypto"], factory);
  else if (typeof exports === "object") { factory(exports, require("crypto")); }
  else factory((global.lib = {}), global.crypto);
})(this, function (_exports, _crypto) {
  "use strict";
  _exports.genSalt = genSalt;
  function bytes(n) { return _crypto.randomBytes(n); }
  function genSalt(rounds) { return "$2b$" + rounds + bytes(16).toString("base64"); }
});`,
      },
      { main: 'umd.js' },
    );
    expect(effects(name, ['default', 'genSalt'], ['10'], cjsHandler)?.random).toBe(true);
  });

  it('UMD returning its module (`module.exports = factory()`), and a class inside the factory', () => {
    const name = pkg({
      'index.js': `;(function (global, factory) {
  typeof exports === 'object' && typeof module !== 'undefined' ? module.exports = factory() :
  typeof define === 'function' && define.amd ? define(factory) : global.clock = factory();
}(this, (function () { 'use strict';
  class Clock { constructor() { this.at = Date.now(); } }
  function now() { return new Clock(); }
  return { now: now, Clock: Clock };
})));`,
    });
    expect(effects(name, ['default', 'now'])?.clock).toBe(true);
    expect(effects(name, ['Clock'])?.clock).toBe(true);
  });

  it('CoffeeScript: `(function () { ... }).call(this)` around `module.exports = X = (function () { class X ... })()`', () => {
    const name = pkg({
      'index.js': `(function() {
  var exports;
  exports = module.exports = require('./lib/cache');
}).call(this);`,
      'lib/cache.js': `(function() {
  var Cache, EventEmitter;
  EventEmitter = require('events').EventEmitter;
  module.exports = Cache = (function() {
    class Cache extends EventEmitter {
      constructor(options = {}) { super(); this.options = options; this._check(); }
      _check() { this.timeout = setTimeout(this._check, 1000); if (this.timeout.unref != null) this.timeout.unref(); }
    };
    return Cache;
  }).call(this);
}).call(this);`,
    });
    // An unref'd timer is armed in the snapshot all the same.
    expect(effects(name, ['default'], ['{}'])?.timers).toBe(true);
  });

  it("esbuild's CommonJS output: `__export(target, { name: () => local })` and `module.exports = __toCommonJS(target)`", () => {
    const name = pkg(
      {
        'dist/index.cjs': `"use strict";var O=Object.defineProperty;var J=(r,e)=>{for(var t in e)O(r,t,{get:e[t],enumerable:!0})};var K=r=>r;var te={};J(te,{Cron:()=>S,version:()=>V});module.exports=K(te);var V="1";function g(){}
class S{constructor(p,f){this.fn=f;if(f)this.schedule()}schedule(){this.t=setTimeout(()=>this.run(),1e3)}run(){}}`,
      },
      { main: 'dist/index.cjs' },
    );
    expect(effects(name, ['Cron'], ['"* * * * *"', 'f'], cjsHandler)?.timers).toBe(true);
    // The branch the user's call leaves out is not taken (`if (f)`: no function given).
    expect(effects(name, ['Cron'], ['"* * * * *"'], cjsHandler)?.timers).toBeFalsy();
  });
});

describe("guards decided by the call's values and the library's defaults", () => {
  it('an option defaulting to on arms the timer unless the user turns it off (`Object.assign({ period: 600 }, options)`)', () => {
    const name = pkg({
      'index.js': `class Cache {
  constructor(options = {}) {
    this.options = options;
    this.options = Object.assign({ period: 600, clones: true }, this.options);
    this._check();
  }
  _check(start = true) {
    if (start && this.options.period > 0) { this.t = setTimeout(this._check, this.options.period * 1000); this.t.unref(); }
  }
}
module.exports = Cache;`,
    });
    expect(effects(name, ['default'], ['{ ttl: 300 }'])?.timers).toBe(true);
    expect(effects(name, ['default'])?.timers).toBe(true);
    expect(effects(name, ['default'], ['{ ttl: 60, period: 0 }'])?.timers).toBeFalsy();
    // A value the reader cannot know (a variable) keeps the branch.
    expect(effects(name, ['default'], ['{ period: p }'])?.timers).toBe(true);
  });

  it('spread defaults, destructured parameters with defaults, `??`, and a `let` set only in branches not taken', () => {
    const name = pkg(
      {
        'index.mjs': `const DEFAULTS = { bufferSize: 0 };
export class Client {
  constructor(opts) {
    const o = { ...DEFAULTS, ...opts };
    this.size = o.bufferSize ?? 0;
    if (this.size > 0) this.flusher = setInterval(() => this.flush(), 1000);
  }
  flush() {}
}
export function start({ interval = 0, run } = {}) {
  let fn;
  if (typeof run === 'function') fn = run;
  if (fn !== undefined && interval > 0) setInterval(fn, interval);
}`,
      },
      { exports: { '.': { import: './index.mjs' } } },
    );
    expect(effects(name, ['Client'], ['{ bufferSize: 8192 }'])?.timers).toBe(true);
    expect(effects(name, ['Client'], ['{ host: "x" }'])?.timers).toBeFalsy();
    expect(effects(name, ['start'], ['{ interval: 10, run: () => {} }'])?.timers).toBe(true);
    expect(effects(name, ['start'], ['{ interval: 10 }'])?.timers).toBeFalsy();
    expect(effects(name, ['start'], ['{ run: () => {} }'])?.timers).toBeFalsy();
  });
});

describe('optional members (found by the review)', () => {
  it('`x?.y` is undefined only when `x` is null or undefined: on a string it is a value the reader does not know', () => {
    const name = pkg(
      {
        'index.mjs': `export function start(name) {
  if (name?.length) setInterval(() => undefined, 1000);
}`,
      },
      { exports: { '.': { import: './index.mjs' } } },
    );
    expect(effects(name, ['start'], ['"abc"'])?.timers).toBe(true);
    const none = effects(name, ['start'], ['null']);
    expect(none).toBeDefined();
    expect(none?.timers).toBeFalsy();
  });
});

describe.runIf(corpusInstalled)('guards in a real library', () => {
  it("cron: CronJob.from passes the user's `start` on to the constructor's `if (start) this.start()`", () => {
    const from = (start: string) => callEffects('cron', corpus, ['CronJob', 'from'], [parseExpression(`{ cronTime: '* * * * *', onTick: f, start: ${start} }`)]);
    expect(from('true')?.timers).toBe(true);
    expect(from('false')?.timers).toBeFalsy();
  });
});

describe('transpiled classes', () => {
  it("Babel's loose classes in an IIFE: statics, `var _proto = F.prototype` methods, `this.m()` through them", () => {
    const name = pkg(
      {
        'index.mjs': `var Clock = function () {
  function Clock() {}
  Clock.systemUTC = function systemUTC() { return new SystemClock('UTC'); };
  var _proto = Clock.prototype;
  _proto.instant = function instant() { throw new Error('abstract'); };
  return Clock;
}();
var SystemClock = function (_Clock) {
  function SystemClock(zone) { var _this = _Clock.call(this) || this; _this._zone = zone; return _this; }
  var _proto2 = SystemClock.prototype;
  _proto2.millis = function millis() { return new Date().getTime(); };
  _proto2.instant = function instant() { return Instant.ofEpochMilli(this.millis()); };
  return SystemClock;
}(Clock);
var Instant = function () {
  function Instant(ms) { this.ms = ms; }
  Instant.now = function now(clock) {
    if (clock === void 0) { clock = Clock.systemUTC(); }
    return clock.instant();
  };
  Instant.ofEpochMilli = function ofEpochMilli(ms) { return new Instant(ms); };
  Instant.parse = function parse(text) { return new Instant(Number(text)); };
  return Instant;
}();
export { Instant, Clock };`,
      },
      { module: 'index.mjs' },
    );
    expect(effects(name, ['Instant', 'now'])?.clock).toBe(true);
    expect(effects(name, ['Instant', 'parse'], ['"0"'])?.clock).toBeFalsy();
  });

  it.runIf(corpusInstalled)('a real minified UMD build: dayjs() reads the clock (`return m.parse = function () {...}, ..., M` in its class IIFE)', () => {
    expect(callEffects('dayjs', corpus, ['default'])?.clock).toBe(true);
  });
});

describe('values made in a function', () => {
  it("an exports alias (`var lib = exports; lib.ec = require(...)`), `Object.freeze({ ... })` and shorthand properties naming the factory's own variables", () => {
    const name = pkg(
      {
        'lib/index.js': `var lib = exports;
lib.version = '1';
lib.curve = require('./curve');`,
        'lib/curve.js': `const { randomBytes } = require('crypto');
function make(opts) {
  function randomSecretKey() { return randomBytes(32); }
  function publicOf(key) { return key; }
  const utils = { randomSecretKey, publicOf };
  Object.freeze(utils);
  return Object.freeze({ utils, name: opts.name });
}
module.exports = make({ name: 'ed' });`,
      },
      { main: 'lib/index.js' },
    );
    expect(effects(name, ['curve', 'utils', 'randomSecretKey'], [], cjsHandler)?.random).toBe(true);
    expect(effects(name, ['curve', 'utils', 'publicOf'], ['k'], cjsHandler)?.random).toBeFalsy();
  });
});

describe('what a class does', () => {
  it('private methods and fields (`#m`) and `f.call(this)`', () => {
    const name = pkg(
      {
        'index.mjs': `export class Buffer {
  #handle;
  constructor(o) { this.#start(); Init.call(this, o); }
  #start() { this.#handle = setInterval(() => this.flush(), 1000); }
  flush() {}
}
export class Seeded { constructor() { Seed.call(this); } }
function Init(o) { this.o = o; }
function Seed() { this.seed = globalThis.crypto.getRandomValues(new Uint8Array(16)); }`,
      },
      { exports: './index.mjs' },
    );
    expect(effects(name, ['Buffer'])?.timers).toBe(true);
    expect(effects(name, ['Seeded'])?.random).toBe(true);
  });

  it.runIf(corpusInstalled)('real libraries: moment (UMD, `module.exports = factory()`) and lru-cache (ES and CommonJS builds)', () => {
    // moment.utc() with no argument is now: createUTC → … → configFromInput: new Date(hooks.now()).
    expect(callEffects('moment', corpus.replace(/\.mjs$/, '.cjs'), ['default', 'utc'])?.clock).toBe(true);
    // lru-cache 10 ships an ES and a CommonJS build; its constructor reads no clock and arms no timer by itself.
    const lru = callEffects('lru-cache', corpus, ['LRUCache'], [parseExpression('{ max: 10 }')]);
    expect(lru).toBeDefined();
    expect(lru?.timers).toBeFalsy();
  });
});
