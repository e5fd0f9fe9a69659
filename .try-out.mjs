// plugin/core/ast/babel.ts
import traverseModule from "@babel/traverse";
var candidate = traverseModule;
var traverse = candidate.default ?? traverseModule;

// plugin/core/module/imports.ts
import * as path2 from "node:path";

// plugin/core/rules/redact.ts
var MASK = "***";
var URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#'"`]*)@/gi;
var SECRET_NAME = String.raw`(?:[\w$-]*(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?)[\w$-]*|auth|authorization|pass)`;
var SECRET_VALUE = new RegExp(
  String.raw`((?:^|[^\w$-])["'\x60]?${SECRET_NAME}["'\x60]?)(\s*[:=]\s*)(?:(["'\x60])((?:\\.|(?!\3)[^\\])*)\3|([^\s,;&(){}[\]'"\x60][^\s,;&)}\]'"\x60]*))`,
  "gi"
);
var REFERENCE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(.*)?$/;
function redact(text) {
  return text.replace(URL_USERINFO, (_whole, scheme, info) => {
    const colon = info.indexOf(":");
    return `${scheme}${colon >= 0 ? `${info.slice(0, colon)}:${MASK}` : MASK}@`;
  }).replace(SECRET_VALUE, (whole, name2, separator, quote, quoted, bare) => {
    if (quote !== void 0) return quoted === "" || quoted === MASK ? whole : `${name2}${separator}${quote}${MASK}${quote}`;
    const stringStyle = separator === "=";
    if (!bare || bare === MASK || !stringStyle && REFERENCE.test(bare)) return whole;
    return `${name2}${separator}${MASK}`;
  });
}

// plugin/core/rules/rule.ts
var DOCS_BASE = "https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/";
function fill(template, data = {}) {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, key) => {
    if (!(key in data)) throw new Error(`message placeholder {{${key}}} has no value`);
    return redact(String(data[key]));
  });
}
function defineRule(definition) {
  return {
    ...definition,
    docsUrl: `${DOCS_BASE}${definition.id}.md`,
    message: (id, data) => fill(definition.messages[id], data),
    suggest: (id, data) => fill(definition.suggestions[id], data)
  };
}

// plugin/core/rules/SR001-registration-in-handler.ts
var SR001 = defineRule({
  id: "SR001",
  name: "registration-in-handler",
  title: "registration inside the handler",
  defaultSeverity: "error",
  type: "problem",
  help: "A hook registered inside the handler is registered at invoke time, after the snapshot was taken, so it never runs. Register it at module top level, where init code runs before the snapshot.",
  messages: {
    inHandler: "`{{written}}` is inside the handler `{{handler}}`, which runs after the snapshot: the hook is never registered in time and never runs",
    hoisted: "`{{written}}` is inside the handler `{{handler}}`, which runs after the snapshot; hoisted: the build moved it to module top level, after line {{line}}, so the hook registers at init"
  },
  suggestions: {
    moveOut: "move `{{written}}` to module top level, outside `{{handler}}`",
    moveInSource: "move `{{written}}` to module top level in the source too"
  },
  checks: ["module/analyze.ts", "module/classify.ts", "hoist/report.ts"]
});

// plugin/core/rules/SR002-registration-at-invoke.ts
var SR002 = defineRule({
  id: "SR002",
  name: "registration-at-invoke",
  title: "registration in code that only runs at invoke time",
  defaultSeverity: "warning",
  type: "problem",
  help: "The registration is in a function that only the handler calls, so it runs at invoke time, after the snapshot, and the hook never runs. Call it from module top level instead.",
  messages: {
    reachedFromHandler: "`{{written}}` only runs at invoke time (reached from the handler `{{handler}}`), after the snapshot: the hook never runs"
  },
  suggestions: {
    registerAtTop: "register the hook at module top level, or call the code that registers it from module top level"
  },
  checks: ["module/analyze.ts", "module/classify.ts"]
});

// plugin/core/rules/SR003-lazy-hook-module.ts
var SR003 = defineRule({
  id: "SR003",
  name: "lazy-hook-module",
  title: "a module that registers hooks is loaded lazily",
  defaultSeverity: "error",
  type: "problem",
  help: "A module that registers hooks is loaded with `import()` or `require()` from the handler (or from code whose timing is unknown), so its registrations happen after the snapshot. Import it statically at module top level.",
  messages: {
    inHandler: "{{module}} registers hooks but is only loaded lazily, with {{how}} inside the handler, after the snapshot: its hooks never run",
    notAwaited: "{{module}} registers hooks but is only loaded lazily, with {{how}} without being awaited at module top level: its hooks may register after the snapshot and then never run",
    unknownTiming: "{{module}} registers hooks but is only loaded lazily, with {{how}} from code whose timing the analysis cannot tell: its hooks may register after the snapshot and then never run",
    hoisted: "{{module}} registers hooks but was loaded lazily, with `{{how}}` inside the handler; hoisted: the build loads it at module top level, after line {{line}}, so its hooks register at init"
  },
  suggestions: {
    importAtTop: "import it at module top level: `import '{{specifier}}';`",
    writeInSource: "write `{{written}}` at module top level in the source too"
  },
  checks: ["build/graph-checks.ts", "build/order.ts", "hoist/report.ts"]
});

// plugin/core/rules/SR004-hook-module-not-bundled.ts
var SR004 = defineRule({
  id: "SR004",
  name: "hook-module-not-bundled",
  title: "a source file that registers hooks is not in the bundle",
  defaultSeverity: "warning",
  type: "problem",
  help: 'A source file that registers hooks is not part of the bundle (nothing imports it, or the bundler dropped it as side-effect free), so its hooks never register. Import it from the handler module, or list it under "sideEffects".',
  messages: {
    notImported: "{{file}} registers hooks but is not in the bundle: nothing the entry point imports loads it, so its hooks never run",
    treeShaken: '{{file}} registers hooks but is not in the bundle: the bundler removed it as unused, because it is imported only for its side effects from a package whose package.json declares `"sideEffects": false`'
  },
  suggestions: {
    importIt: "import it from the handler module: `import '{{specifier}}';`",
    listSideEffects: 'list the file under "sideEffects" in package.json (e.g. `"sideEffects": ["./{{file}}"]`), or import and use something it exports'
  },
  checks: ["build/check-build.ts", "build/graph-checks.ts"]
});

// plugin/core/rules/SR005-unresolved-registration.ts
var SR005 = defineRule({
  id: "SR005",
  name: "unresolved-registration",
  title: "a registration the analysis cannot resolve",
  defaultSeverity: "warning",
  type: "problem",
  help: "The analysis could not tell which function is registered or when the registration runs (a computed callee, a file that does not parse). Write the registration as a direct call at module top level so it can be checked.",
  messages: {
    unknownTiming: "cannot tell when `{{written}}` runs: {{reason}}",
    unresolved: "cannot resolve a registration: {{reason}}",
    unparsed: "could not analyse {{file}}: {{error}}; registrations in it are not checked",
    unparsedLint: "could not analyse {{file}}: {{error}}; the uniqueness lint (SR101-SR108) did not check it"
  },
  suggestions: {
    registerAtTop: "register hooks at module top level, or in a function that module top level calls",
    callDirectly: "call `{{label}}(fn)` directly",
    callDirectlyOrList: "call `{{label}}(fn)` directly, or list the module that wraps it in the `modules` option",
    namespaceCall: "write `{{label}}.registerBeforeSnapshot(fn)` or `{{label}}.registerAfterRestore(fn)`",
    importByName: "import `registerBeforeSnapshot` / `registerAfterRestore` by name where they are called",
    plainCode: "register hooks in plain code at module top level"
  },
  checks: ["module/analyze.ts", "module/imports.ts", "build/check-build.ts"]
});

// plugin/core/rules/SR006-instance-hook-at-invoke.ts
var SR006 = defineRule({
  id: "SR006",
  name: "instance-hook-at-invoke",
  title: "instance-method hook on a class constructed at invoke time",
  defaultSeverity: "warning",
  type: "problem",
  help: "An instance-method hook registers each time the class is constructed; when that happens inside the handler the hook registers after the snapshot and never runs. Construct the instance at module top level, or use a static method.",
  messages: {
    legacyInstance: "`{{written}}` decorates the instance method `{{method}}` under experimentalDecorators: legacy decorators never see an instance, so the runtime throws when {{className}} is defined",
    constructedAtInvoke: "`{{written}}` registers the instance method `{{method}}` each time {{className}} is constructed, and it is only constructed at invoke time, after the snapshot: the hook never runs"
  },
  suggestions: {
    makeStatic: "make the method `static`, or register the bound method in the constructor: `{{registrar}}(this.{{method}}.bind(this))`",
    constructAtTop: "construct {{className}} once at module top level and use it from the handler"
  },
  checks: ["module/analyze.ts", "module/classify.ts"]
});

// plugin/core/rules/SR007-no-lifecycle-driver.ts
var SR007 = defineRule({
  id: "SR007",
  name: "no-lifecycle-driver",
  title: "nothing will drive the snapshot lifecycle",
  defaultSeverity: "warning",
  type: "problem",
  help: "Hooks are registered, but nothing drives the SnapStart lifecycle. On Node.js, SnapStart is for container images: a zip function on nodejs2x.x cannot turn it on, so no hook ever runs there (deploy the bundle in an image). In an image, an ES module bundle must end with `await snapStart()` from `snapshot-restore/lambda` (Lambda's Node.js base image); a CommonJS bundle needs the `snapshot-restore/bootstrap` custom runtime; a web app behind Lambda Web Adapter or on Lambda MicroVMs serves the hooks with `snapshot-restore/http` (any format).",
  messages: {
    noSnapStart: "{{entry}} registers hooks but the bundle never calls `snapStart()`: on the stock Node.js runtime nothing runs them",
    zipDeploy: "{{entry}} registers hooks, but it is deployed as a zip function ({{why}}): on Node.js, SnapStart is only for container images, so no snapshot is taken and no hook ever runs",
    notEsm: "{{entry}} registers hooks but the output format is {{format}}: on the stock Node.js runtime nothing drives the snapshot lifecycle, and `await snapStart()` needs an ES module"
  },
  suggestions: {
    addSnapStart: "in a container image on Lambda's Node.js base image, end the handler module with `import { snapStart } from 'snapshot-restore/lambda'; await snapStart();`",
    containerImage: "deploy this bundle as a container image with SnapStart on (`ApplyOn: PublishedVersions`): Lambda's Node.js base image with `await snapStart()` ending an ES module handler, or `snapshot-restore/bootstrap` on provided.al2023; a function that stays a zip gets no SnapStart, so its hooks are dead code (`severity: { SR007: 'off' }` if that is intended)",
    esmOrBootstrap: "in a container image, build with `format: 'esm'` and end the handler module with `await snapStart()` (Lambda's Node.js base image), or run `snapshot-restore/bootstrap` as the image's runtime (then set `severity: { SR007: 'off' }`)"
  },
  checks: ["build/graph-checks.ts", "build/deploy-kind.ts"]
});

// plugin/core/rules/uniqueness-rule.ts
function whereText(found) {
  return found.phase === "init" ? "runs at init, before the snapshot" : "runs in a before-snapshot hook";
}
function keptText(found) {
  return found.kept ? `, kept in \`${found.kept}\`,` : "";
}
function assignable(found) {
  return found.kept && /^[\w$.#]+$/.test(found.kept) ? found.kept : void 0;
}
function renewSuggestion(rule9, found, call = found.value ?? found.call) {
  const target = assignable(found);
  return target ? rule9.suggest("renew", { target, call }) + constNote(found) : rule9.suggest("renewHook");
}
function constNote(found) {
  return found.declaration === "const" && assignable(found) ? ` (first change \`const ${found.kept}\` to \`let ${found.kept}\`, so that the hook can assign it)` : "";
}
var IGNORE_HELP = (code) => `\`// snapshot-restore-ignore ${code}\` on the line silences one finding.`;

// plugin/core/rules/SR101-random-at-init.ts
var rule = defineRule({
  id: "SR101",
  name: "random-at-init",
  title: "`Math.random()` at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `\`Math.random()\` at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same value, and Math.random's generator state is cloned too, so they all draw the same sequence next. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP("SR101")}`,
  messages: {
    madeAtInit: "`{{call}}` {{where}}: the random number{{kept}} is made once and every environment restored from the snapshot has the same value, and Math.random's generator state is cloned too, so they all draw the same sequence next"
  },
  suggestions: {
    renew: "compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`",
    renewHook: "compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)"
  },
  checks: ["module/uniqueness.ts"]
});
var SR101 = {
  ...rule,
  match: {
    calls: [
      "Math.random",
      // lodash 4 (lodash.js baseRandom, shuffleSelf, arraySample: nativeRandom = Math.random), also
      // as per-method modules (lodash/random.js) and lodash-es.
      ...["random", "shuffle", "sample", "sampleSize"].flatMap((name2) => [`lodash.${name2}`, `lodash/${name2}`])
    ],
    needsStore: true
  },
  describe: (found) => ({
    message: rule.message("madeAtInit", { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule, found)
  })
};

// plugin/core/rules/SR102-uuid-at-init.ts
var rule2 = defineRule({
  id: "SR102",
  name: "uuid-at-init",
  title: "`crypto.randomUUID()` at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `\`crypto.randomUUID()\` at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same value. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP("SR102")}`,
  messages: {
    madeAtInit: "`{{call}}` {{where}}: the UUID{{kept}} is made once and every environment restored from the snapshot has the same value",
    madeAtInitCached: "`{{call}}` {{where}}: the UUID{{kept}} is made once and every environment restored from the snapshot has the same value; and without `{ disableEntropyCache: true }` the first call fills Node's cache of random bytes for the next 128 UUIDs, which is cloned with the snapshot (snapshot-restore's lifecycle renews it at each restore; other runtimes do not)"
  },
  suggestions: {
    renew: "compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`",
    renewHook: "compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)",
    renewUncached: "compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`; and call `randomUUID({ disableEntropyCache: true })` before the snapshot so the entropy cache is not cloned",
    renewHookUncached: "compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`); and call `randomUUID({ disableEntropyCache: true })` before the snapshot so the entropy cache is not cloned"
  },
  checks: ["module/uniqueness.ts"]
});
var SR102 = {
  ...rule2,
  match: { calls: ["crypto.randomUUID"], needsStore: false },
  describe: (found) => {
    const target = assignable(found);
    const data = { call: found.call, where: whereText(found), kept: keptText(found) };
    return {
      message: rule2.message(found.entropyCache ? "madeAtInitCached" : "madeAtInit", data),
      suggestion: target ? rule2.suggest(found.entropyCache ? "renewUncached" : "renew", { target, call: found.value ?? found.call }) + constNote(found) : rule2.suggest(found.entropyCache ? "renewHookUncached" : "renewHook")
    };
  }
};

// plugin/core/rules/SR103-random-bytes-at-init.ts
var rule3 = defineRule({
  id: "SR103",
  name: "random-bytes-at-init",
  title: "random bytes at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `Random bytes at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same bytes: keys, nonces, salts and tokens made from them are no longer unique. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP("SR103")}`,
  messages: {
    madeAtInit: "`{{call}}` {{where}}: the random value{{kept}} is made once and every environment restored from the snapshot has the same bytes: keys, nonces, salts and tokens made from them are no longer unique"
  },
  suggestions: {
    renew: "compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`",
    renewHook: "compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)",
    refill: "fill it in the handler, or fill it again after each restore: `registerAfterRestore(() => { {{call}}; });`"
  },
  checks: ["module/uniqueness.ts"]
});
var SR103 = {
  ...rule3,
  match: {
    calls: [
      "crypto.randomBytes",
      "crypto.randomInt",
      "crypto.getRandomValues",
      "crypto.randomFillSync",
      "crypto.randomFill",
      "crypto.pseudoRandomBytes",
      // Keys generated by Node's own crypto (lib/internal/crypto/keygen.js, keys.js; webcrypto's
      // subtle.generateKey; ECDH/DH generateKeys): random key material kept in memory.
      "crypto.generateKeyPairSync",
      "crypto.generateKeySync",
      "crypto.subtle.generateKey",
      "crypto.createECDH().generateKeys",
      "crypto.createDiffieHellman().generateKeys",
      "crypto.getDiffieHellman().generateKeys"
    ],
    needsStore: true,
    // They fill the buffer they are given: the buffer is where the value is kept.
    fills: ["crypto.getRandomValues", "crypto.randomFillSync", "crypto.randomFill"]
  },
  describe: (found) => ({
    message: rule3.message("madeAtInit", { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: found.via === "fill" ? rule3.suggest("refill", { call: found.call }) : renewSuggestion(rule3, found)
  })
};

// plugin/core/rules/SR104-id-at-init.ts
var rule4 = defineRule({
  id: "SR104",
  name: "id-at-init",
  title: "a generated ID (uuid, nanoid, ulid) at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `A generated ID (uuid, nanoid, ulid) at init: everything in memory at the snapshot is cloned into every restored environment, so every environment restored from the snapshot has the same ID, and the generator state behind it (random pool, clock sequence, monotonic counter) is cloned too. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP("SR104")}`,
  messages: {
    madeAtInit: "`{{call}}` {{where}}: the ID{{kept}} is made once and every environment restored from the snapshot has the same ID, and the generator state behind it (random pool, clock sequence, monotonic counter) is cloned too"
  },
  suggestions: {
    renew: "compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`",
    renewHook: "compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)"
  },
  checks: ["module/uniqueness.ts"]
});
var SR104 = {
  ...rule4,
  match: {
    calls: [
      "uuid.v1",
      "uuid.v4",
      "uuid.v6",
      "uuid.v7",
      "uuid.default.v4",
      "nanoid.nanoid",
      "nanoid/non-secure.nanoid",
      "nanoid.default",
      "ulid.ulid",
      "ulid.default",
      "ulidx.ulid",
      "@paralleldrive/cuid2.createId",
      "cuid.default",
      "cuid",
      // What generator factories return, called (nanoid/index.js customRandom and ulid's
      // monotonicFactory return functions; cuid2's init() returns createId): making the
      // generator draws nothing, calling it makes an ID.
      "nanoid.customAlphabet()",
      "nanoid.customRandom()",
      "nanoid/non-secure.customAlphabet()",
      "ulid.monotonicFactory()",
      "ulid.factory()",
      "ulidx.monotonicFactory()",
      "@paralleldrive/cuid2.init()"
    ],
    needsStore: true
  },
  describe: (found) => ({
    message: rule4.message("madeAtInit", { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule4, found)
  })
};

// plugin/core/rules/SR105-timestamp-at-init.ts
var rule5 = defineRule({
  id: "SR105",
  name: "timestamp-at-init",
  title: "a timestamp taken at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `A timestamp taken at init: everything in memory at the snapshot is cloned into every restored environment, so it is taken before the snapshot; environments are restored from it minutes or days later, and all of them see the same stale time. Compute the value in the handler, or renew it in an after-restore hook. ${IGNORE_HELP("SR105")}`,
  messages: {
    madeAtInit: "`{{call}}` {{where}}: the timestamp{{kept}} is made once and it is taken before the snapshot; environments are restored from it minutes or days later, and all of them see the same stale time"
  },
  suggestions: {
    renew: "compute it in the handler, or renew it in `registerAfterRestore(() => { {{target}} = {{call}}; });`",
    renewHook: "compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)"
  },
  checks: ["module/uniqueness.ts"]
});
var SR105 = {
  ...rule5,
  match: {
    calls: [
      "Date.now",
      "Date",
      "performance.now",
      "process.hrtime",
      "process.hrtime.bigint",
      // Date libraries' "now": dayjs/esm/index.js parseDate (no date: new Date()), moment's
      // createLocal (no input: hooks.now()), luxon's DateTime.now()/local()/utc(), date-fns'
      // startOfToday & co. (startOfDay(Date.now())), lodash's now() (Date.now).
      "dayjs",
      "moment",
      "moment.utc",
      "luxon.DateTime.now",
      "luxon.DateTime.local",
      "luxon.DateTime.utc",
      ...["startOfToday", "endOfToday", "startOfTomorrow", "endOfTomorrow", "startOfYesterday", "endOfYesterday"].flatMap((name2) => [
        `date-fns.${name2}`,
        `date-fns/${name2}`,
        `date-fns/${name2}.${name2}`
      ]),
      "lodash.now",
      "lodash/now",
      // jsonwebtoken/sign.js: iat = Math.floor(Date.now() / 1000), exp = iat + expiresIn: a token
      // signed at init has expired by the time of a restore.
      "jsonwebtoken.sign"
    ],
    constructs: ["Date"],
    needsStore: true,
    when: {
      Date: { noArguments: true },
      dayjs: { noArguments: true },
      moment: { noArguments: true },
      "moment.utc": { noArguments: true },
      "luxon.DateTime.local": { noArguments: true },
      "luxon.DateTime.utc": { noArguments: true },
      "jsonwebtoken.sign": { withOption: "expiresIn" }
    }
  },
  describe: (found) => ({
    message: rule5.message("madeAtInit", { call: found.call, where: whereText(found), kept: keptText(found) }),
    suggestion: renewSuggestion(rule5, found)
  })
};

// plugin/core/rules/SR106-timer-at-init.ts
var rule6 = defineRule({
  id: "SR106",
  name: "timer-at-init",
  title: "a timer armed at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `A timer armed at init: everything in memory at the snapshot is cloned into every restored environment, so the timer is in the snapshot: it may never fire before the snapshot, and after a restore every environment fires it late, or at once, on state from init. Arm the timer in an after-restore hook and clear it in a before-snapshot hook. ${IGNORE_HELP("SR106")}`,
  messages: {
    armedAtInit: "`{{call}}` {{where}}: the timer is in the snapshot: it may never fire before the snapshot, and after a restore every environment fires it late, or at once, on state from init"
  },
  suggestions: {
    rearm: "arm it after the restore and clear it before the snapshot: `registerBeforeSnapshot(() => {{clear}}({{timer}})); registerAfterRestore(() => { {{timer}} = {{call}}; });`"
  },
  checks: ["module/uniqueness.ts"]
});
var SR106 = {
  ...rule6,
  match: { calls: ["setInterval", "setTimeout"], needsStore: false },
  describe: (found) => ({
    message: rule6.message("armedAtInit", { call: found.call, where: whereText(found) }),
    suggestion: rule6.suggest("rearm", {
      clear: found.canonical === "setInterval" ? "clearInterval" : "clearTimeout",
      timer: assignable(found) ?? "timer",
      call: found.call
    }) + constNote(found)
  })
};

// plugin/core/rules/SR107-connections-at-init.ts
var CLOSERS = [
  [/^https?\./, "destroy()"],
  [/^(?:pg|mysql2?|knex)\b/, "end()"],
  [/^(?:redis|ioredis)\b/, "quit()"],
  [/^mongoose\./, "disconnect()"],
  [/^@prisma\/client\./, "$disconnect()"],
  [/^kafkajs\./, "disconnect()"],
  [/^(?:net|tls)\./, "destroy()"]
];
var OPEN_AT_ONCE = [
  "net.connect",
  "net.createConnection",
  "tls.connect",
  // mysql2/lib/base/connection.js: BaseConnection's constructor calls Net.connect.
  "mysql2.createConnection",
  // mongoose.js: connect() and createConnection(uri) call conn.openUri().
  "mongoose.connect",
  "mongoose.createConnection",
  // mongo_client.js: static connect(url) is new MongoClient(url).connect().
  "mongodb.MongoClient.connect",
  // amqplib/channel_api.js connect(): raw_connect opens the socket.
  "amqplib.connect",
  "amqplib/callback_api.connect"
];
var CONSTRUCTED_OPEN = ["ioredis", "ioredis.Redis", "ioredis.default", "ioredis.Cluster", "ws", "ws.WebSocket", "ws.default", "WebSocket"];
var CLIENT_OPENS = {
  "pg.Pool()": ["connect", "query"],
  "pg.Client()": ["connect"],
  "mysql.createConnection()": ["connect", "query"],
  "mysql.createPool()": ["getConnection", "query"],
  "mysql2.createPool()": ["getConnection", "query", "execute"],
  "redis.createClient()": ["connect"],
  "redis.createClient().on()": ["connect"],
  "redis.createCluster()": ["connect"],
  "ioredis()": ["connect"],
  "ioredis.Redis()": ["connect"],
  "ioredis.Cluster()": ["connect"],
  "mongodb.MongoClient()": ["connect"],
  "@prisma/client.PrismaClient()": ["$connect"],
  "sequelize.Sequelize()": ["authenticate", "sync", "query"],
  "kafkajs.Kafka().producer()": ["connect"],
  "kafkajs.Kafka().consumer()": ["connect"],
  "kafkajs.Kafka().admin()": ["connect"]
};
var AWAITED_QUERIES = {
  "knex()": ["raw", "select", "first", "insert", "update", "del", "transaction"],
  "knex.knex()": ["raw", "select", "first", "insert", "update", "del", "transaction"]
};
var REQUESTS = [
  "fetch",
  "undici.fetch",
  "undici.request",
  "undici.stream",
  ...["undici.Pool()", "undici.Client()", "undici.Agent()", "undici.BalancedPool()"].flatMap((pool) => [`${pool}.request`, `${pool}.stream`]),
  ...["ping", "info", "search", "get", "index", "bulk", "count"].map((method) => `@elastic/elasticsearch.Client().${method}`),
  "axios",
  "got",
  "node-fetch",
  "got.extend()",
  ...["get", "post", "put", "patch", "delete", "head", "request"].flatMap((method) => [`axios.${method}`, `axios.create().${method}`, `got.${method}`])
];
var NODE_REQUESTS = ["http.get", "http.request", "https.get", "https.request"];
var KEEP_ALIVE_AGENTS = {
  "http.Agent": "option",
  "https.Agent": "option",
  agentkeepalive: "always",
  "agentkeepalive.HttpsAgent": "always",
  "agentkeepalive.default": "always"
};
function connectionVia(canonical) {
  if (REQUESTS.includes(canonical) || NODE_REQUESTS.includes(canonical)) return "request";
  return canonical.includes("().") ? "method" : "open";
}
var rule7 = defineRule({
  id: "SR107",
  name: "connections-at-init",
  title: "a socket open at the snapshot (a client connected at init, a request through a keep-alive pool) with no hook that renews it",
  defaultSeverity: "warning",
  type: "problem",
  help: `A socket open at the snapshot with no hook that renews it: a client that connects when it is made (ioredis without lazyConnect, mysql2 createConnection, mongoose.connect), a lazy client connected at init (pg connect() or query(), node-redis connect(), MongoClient connect(), Prisma $connect(), a knex warm-up query), or a request at init through a keep-alive pool (fetch, undici, axios, https with a keep-alive agent). Everything in memory at the snapshot is cloned into every restored environment, so every restored environment starts with the same connections, long closed by the server, or shares one session. Constructing a lazy client opens nothing and is fine. Close it in a before-snapshot hook and open it again in an after-restore hook, or connect in the handler on first use. ${IGNORE_HELP("SR107")}`,
  messages: {
    openAtInit: "`{{call}}`{{kept}} {{where}}, and no hook of this module closes or renews it: its sockets are in the snapshot: every restored environment starts with the same connections, long closed by the server, or shares one session",
    requestAtInit: "`{{call}}` {{where}}: the request goes through a keep-alive pool, so its socket is still open in the snapshot: every restored environment starts with the same connection, long closed by the server"
  },
  suggestions: {
    reopen: "close it before the snapshot and open it again after the restore: `registerBeforeSnapshot(() => {{name}}.{{closer}}); registerAfterRestore(() => { {{name}} = {{call}}; });`, or create it in the handler on first use",
    reconnect: "connect in the handler on first use, or close it before the snapshot and connect a new one after the restore: `registerBeforeSnapshot(() => {{name}}.{{closer}});` and, in `registerAfterRestore`, make and connect it again",
    request: "make the request in the handler, or after the restore (`registerAfterRestore`); if it must run at init, close the idle sockets in a before-snapshot hook"
  },
  checks: ["module/uniqueness.ts"]
});
var SR107 = {
  ...rule7,
  match: {
    calls: [
      ...OPEN_AT_ONCE,
      ...Object.entries(CLIENT_OPENS).flatMap(([client, methods]) => methods.map((m) => `${client}.${m}`)),
      ...Object.entries(AWAITED_QUERIES).flatMap(([client, methods]) => methods.map((m) => `${client}.${m}`)),
      ...REQUESTS,
      ...NODE_REQUESTS
    ],
    constructs: CONSTRUCTED_OPEN,
    needsStore: false,
    when: {
      "mongoose.createConnection": { withArguments: true },
      ...Object.fromEntries(CONSTRUCTED_OPEN.filter((name2) => name2.startsWith("ioredis")).map((name2) => [name2, { unlessOption: "lazyConnect" }])),
      ...Object.fromEntries(Object.entries(AWAITED_QUERIES).flatMap(([client, methods]) => methods.map((m) => [`${client}.${m}`, { awaited: true }]))),
      ...Object.fromEntries(NODE_REQUESTS.map((name2) => [name2, { keepAliveAgent: KEEP_ALIVE_AGENTS }]))
    }
  },
  describe: (found) => {
    const closer = CLOSERS.find(([pattern]) => pattern.test(found.canonical))?.[1] ?? "close()";
    const name2 = assignable(found) ?? "connection";
    const via = connectionVia(found.canonical);
    if (via === "request") {
      return { message: rule7.message("requestAtInit", { call: found.call, where: whereText(found) }), suggestion: rule7.suggest("request") };
    }
    return {
      message: rule7.message("openAtInit", { call: found.call, kept: keptText(found), where: whereText(found) }),
      suggestion: via === "method" ? rule7.suggest("reconnect", { name: name2, closer }) : rule7.suggest("reopen", { name: name2, closer, call: found.call }) + constNote(found)
    };
  }
};

// plugin/core/rules/SR108-static-credentials.ts
var CREDENTIAL_VARIABLES = /* @__PURE__ */ new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]);
var rule8 = defineRule({
  id: "SR108",
  name: "static-credentials",
  title: "AWS credentials read from the environment, or credentials resolved once at init",
  defaultSeverity: "warning",
  type: "problem",
  help: `Reading static AWS credentials from the environment: under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN (credentials come from the container credentials endpoint, AWS_CONTAINER_CREDENTIALS_FULL_URI), so the read is undefined. Let the AWS SDK's default credential provider chain find credentials; do not read the key variables. Credentials or a secret resolved once at init and kept (an awaited credential provider, an STS AssumeRole or a Secrets Manager GetSecretValue call, a \`getSecret()\`) are in the snapshot too: temporary credentials expire within hours and secrets rotate, while a snapshot is restored days later; resolve them in the handler through a cache that expires, or renew them in an after-restore hook. ${IGNORE_HELP("SR108")}`,
  messages: {
    resolvedAtInit: "`{{call}}` {{where}}: the {{what}}{{kept}} {{are}} resolved once and cloned into every restored environment; temporary credentials expire within hours and secrets rotate, but a snapshot is restored days later",
    readsCredential: "`process.env.{{variable}}`: under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN: credentials come from the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), so this reads undefined"
  },
  suggestions: {
    renewResolved: "resolve it in the handler through a cache that expires (the AWS SDK clients do this for their own credentials), or renew it in `registerAfterRestore(async () => { {{target}} = {{call}}; });`",
    renewResolvedHook: "resolve it in the handler through a cache that expires, or renew it in an after-restore hook (`registerAfterRestore`)",
    providerChain: "let the AWS SDK find credentials: its default provider chain reads the container credentials endpoint (e.g. `fromNodeProviderChain()` from '@aws-sdk/credential-providers'); create clients without explicit keys"
  },
  checks: ["module/uniqueness.ts", "module/credentials.ts"]
});
var SR108 = {
  ...rule8,
  match: { needsStore: false },
  describe: (found) => {
    if (found.resolved) {
      const target = assignable(found);
      return {
        message: rule8.message("resolvedAtInit", { call: found.call, where: whereText(found), what: found.resolved, are: found.resolved === "secret" ? "is" : "are", kept: keptText(found) }),
        suggestion: target ? rule8.suggest("renewResolved", { target, call: found.value ?? found.call }) + constNote(found) : rule8.suggest("renewResolvedHook")
      };
    }
    return { message: rule8.message("readsCredential", { variable: found.variable ?? "" }), suggestion: rule8.suggest("providerChain") };
  }
};

// plugin/core/rules/index.ts
var HOOK_RULES = [SR001, SR002, SR003, SR004, SR005, SR006, SR007];
var UNIQUENESS_RULES = [SR101, SR102, SR103, SR104, SR105, SR106, SR107, SR108];
var RULES = [...HOOK_RULES, ...UNIQUENESS_RULES];
var byId = new Map(RULES.map((rule9) => [rule9.id, rule9]));

// plugin/core/options.ts
import * as path from "node:path";
var RUNTIME_SPECIFIER = "snapshot-restore";
var LAMBDA_SPECIFIER = "snapshot-restore/lambda";
var BOOTSTRAP_SPECIFIER = "snapshot-restore/bootstrap";
var HTTP_SPECIFIER = "snapshot-restore/http";
var RUNTIME_MODULE = {
  specifier: RUNTIME_SPECIFIER,
  beforeSnapshot: ["registerBeforeSnapshot"],
  afterRestore: ["registerAfterRestore"]
};
var SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;
function stripExtension(file) {
  return file.replace(SOURCE_EXTENSION, "");
}
function quotedForms(specifier) {
  return ["'", '"', "`"].flatMap((quote) => [`${quote}${specifier}${quote}`, `${quote}${specifier}/`]);
}
function mentionNeedles(modules) {
  const needles = new Set(quotedForms(RUNTIME_SPECIFIER));
  for (const m of modules) {
    if (m.specifier) for (const form of quotedForms(m.specifier)) needles.add(form);
    if (m.path) needles.add(path.basename(m.path) === "index" ? path.basename(path.dirname(m.path)) : path.basename(m.path));
  }
  return [...needles];
}

// plugin/core/module/imports.ts
var isDriver = (role) => role === "snapStart" || role === "httpHooks";
var LAMBDA_ROLES = /* @__PURE__ */ new Map([["snapStart", "snapStart"]]);
var HTTP_ROLES = new Map(["snapshotHooks", "nodeHooks", "expressHooks", "fastifyHooks", "honoHooks", "koaHooks"].map((name2) => [name2, "httpHooks"]));
function rolesOf(module) {
  const roles = /* @__PURE__ */ new Map();
  for (const name2 of module.beforeSnapshot) roles.set(name2, "beforeSnapshot");
  for (const name2 of module.afterRestore) roles.set(name2, "afterRestore");
  return roles;
}
function rolesForSpecifier(specifier, fileName, modules) {
  if (specifier === RUNTIME_MODULE.specifier) return rolesOf(RUNTIME_MODULE);
  if (specifier === LAMBDA_SPECIFIER) return LAMBDA_ROLES;
  if (specifier === HTTP_SPECIFIER) return HTTP_ROLES;
  const resolved = specifier.startsWith(".") ? stripExtension(path2.resolve(path2.dirname(fileName), specifier)) : void 0;
  for (const m of modules) {
    if (m.specifier !== void 0 && m.specifier === specifier) return rolesOf(m);
    if (m.path !== void 0 && resolved !== void 0 && (resolved === m.path || `${resolved}/index` === m.path)) {
      return rolesOf(m);
    }
  }
  return void 0;
}
function stringValue(node) {
  if (!node) return void 0;
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? void 0;
  return void 0;
}
function propertyName(member) {
  if (!member.computed && member.property.type === "Identifier") return member.property.name;
  return stringValue(member.property);
}
function keyName(key) {
  if (key.type === "Identifier") return key.name;
  return stringValue(key);
}
function requireSpecifier(call) {
  const callee = call.node.callee;
  if (callee.type !== "Identifier" || callee.name !== "require") return void 0;
  if (call.scope.getBinding("require")) return void 0;
  return stringValue(call.node.arguments[0]);
}
function dynamicImportSpecifier(call) {
  if (call.node.callee.type !== "Import") return void 0;
  return stringValue(call.node.arguments[0]);
}
function isTypePosition(p) {
  const parent = p.parentPath;
  return !!parent && (parent.isTSTypeQuery() || parent.isTSQualifiedName() || parent.isTSImportType());
}
function valueParent(p) {
  let current = p;
  while (current.parentPath && (current.parentPath.isTSAsExpression() || current.parentPath.isTSNonNullExpression() || current.parentPath.isTSSatisfiesExpression() || current.parentPath.isParenthesizedExpression())) {
    current = current.parentPath;
  }
  return current;
}
var uses = /* @__PURE__ */ new WeakMap();
function findRuntimeUse(program, fileName, modules) {
  let byOptions = uses.get(program.node);
  if (!byOptions) uses.set(program.node, byOptions = /* @__PURE__ */ new Map());
  const key = `${fileName}\0${JSON.stringify(modules)}`;
  let use = byOptions.get(key);
  if (!use) byOptions.set(key, use = walkRuntimeUse(program, fileName, modules));
  return {
    ...use,
    registrations: [...use.registrations],
    unresolved: [...use.unresolved],
    snapStartCalls: [...use.snapStartCalls],
    httpHooksCalls: [...use.httpHooksCalls],
    exported: [...use.exported]
  };
}
function walkRuntimeUse(program, fileName, modules) {
  const use = { registrations: [], unresolved: [], snapStartCalls: [], httpHooksCalls: [], importsBootstrap: false, usesRuntime: false, exported: [] };
  const exportAs = (name2, role) => {
    if (name2 !== void 0 && !isDriver(role) && !use.exported.some((e) => e.name === name2)) use.exported.push({ name: name2, phase: role });
  };
  const seenBindings = /* @__PURE__ */ new Set();
  const evalCalls = [];
  function useOfFunction(p, role, label) {
    use.usesRuntime = true;
    const self = valueParent(p);
    const parent = self.parentPath;
    if (!parent || isTypePosition(p)) return;
    if ((parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee === self.node) {
      if (isDriver(role)) (role === "snapStart" ? use.snapStartCalls : use.httpHooksCalls).push(parent);
      else use.registrations.push({ phase: role, kind: "call", path: parent, registrar: label });
      return;
    }
    if (isDriver(role)) return;
    if (parent.isDecorator()) {
      use.registrations.push({ phase: role, kind: "decorator", path: parent, registrar: label });
      return;
    }
    if (parent.isVariableDeclarator() && parent.node.init === self.node && parent.node.id.type === "Identifier") {
      const binding = parent.scope.getBinding(parent.node.id.name);
      if (binding?.constant) {
        if (parent.parentPath?.parentPath?.isExportNamedDeclaration()) exportAs(parent.node.id.name, role);
        followFunctionBinding(binding, role, parent.node.id.name);
        return;
      }
    }
    if (parent.isExportSpecifier()) {
      exportAs(keyName(parent.node.exported), role);
      return;
    }
    if (parent.isExportDefaultDeclaration()) {
      exportAs("default", role);
      return;
    }
    if (parent.isAssignmentExpression() && parent.node.right === self.node && parent.node.left.type === "MemberExpression") {
      const left = parent.node.left;
      const object = left.object;
      if (object.type === "Identifier" && object.name === "exports" && !parent.scope.getBinding("exports") || isModuleExports(object)) {
        exportAs(propertyName(left), role);
        return;
      }
    }
    if (parent.isObjectProperty() && parent.node.value === self.node) {
      const assignment = parent.parentPath?.parentPath;
      if (assignment?.isAssignmentExpression() && isModuleExports(assignment.node.left)) {
        exportAs(parent.node.computed ? stringValue(parent.node.key) : keyName(parent.node.key), role);
        return;
      }
    }
    if (parent.isMemberExpression() && parent.node.object === self.node) {
      const name2 = propertyName(parent.node);
      if (name2 === "call" || name2 === "apply") {
        use.unresolved.push({
          path: parent,
          reason: `\`${label}.${name2}(...)\` hides which function is registered`,
          suggestion: SR005.suggest("callDirectly", { label })
        });
      }
      return;
    }
    use.unresolved.push({
      path: self,
      reason: `\`${label}\` is used as a value here (stored, passed on or reassigned), so the analysis cannot see where it is called`,
      suggestion: SR005.suggest("callDirectlyOrList", { label })
    });
  }
  function followFunctionBinding(binding, role, label) {
    if (seenBindings.has(binding)) return;
    seenBindings.add(binding);
    for (const ref of binding.referencePaths) useOfFunction(ref, role, label);
  }
  function useOfModule(p, roles, label) {
    use.usesRuntime = true;
    const self = valueParent(p);
    const parent = self.parentPath;
    if (!parent || isTypePosition(p)) return;
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === self.node) {
      const name2 = propertyName(parent.node);
      if (name2 === void 0) {
        use.unresolved.push({
          path: parent,
          reason: `computed member access \`${label}[...]\` on the runtime module: the analysis cannot tell which function is called`,
          suggestion: SR005.suggest("namespaceCall", { label })
        });
        return;
      }
      const role = roles.get(name2);
      if (role) useOfFunction(parent, role, `${label}.${name2}`);
      return;
    }
    if (parent.isVariableDeclarator() && parent.node.init === self.node) {
      bindPattern(parent.get("id"), roles, label);
      return;
    }
    if (parent.isAwaitExpression()) {
      useOfModule(parent, roles, label);
      return;
    }
    if (parent.isExpressionStatement() || parent.isExportSpecifier() || parent.isExportDefaultDeclaration()) return;
    if (parent.isAssignmentExpression() && isModuleExports(parent.node.left)) {
      for (const [name2, role] of roles) exportAs(name2, role);
      return;
    }
    if (![...roles.values()].some((r) => !isDriver(r))) return;
    use.unresolved.push({
      path: self,
      reason: `the runtime module object \`${label}\` is passed around here, so the analysis cannot see which hooks are registered through it`,
      suggestion: SR005.suggest("importByName")
    });
  }
  function bindPattern(id, roles, label) {
    if (id.isIdentifier()) {
      const binding = id.scope.getBinding(id.node.name);
      if (binding && !seenBindings.has(binding)) {
        seenBindings.add(binding);
        for (const ref of binding.referencePaths) useOfModule(ref, roles, id.node.name);
      }
      return;
    }
    if (!id.isObjectPattern()) return;
    for (const prop of id.get("properties")) {
      if (prop.isRestElement()) {
        bindPattern(prop.get("argument"), roles, label);
        continue;
      }
      if (!prop.isObjectProperty()) continue;
      const name2 = prop.node.computed ? stringValue(prop.node.key) : keyName(prop.node.key);
      const role = name2 === void 0 ? void 0 : roles.get(name2);
      let value = prop.get("value");
      if (value.isAssignmentPattern()) value = value.get("left");
      if (!role || !value.isIdentifier()) continue;
      const binding = value.scope.getBinding(value.node.name);
      if (binding) followFunctionBinding(binding, role, value.node.name);
    }
  }
  program.traverse({
    // `export { registerAfterRestore as onRestore } from 'snapshot-restore'`, `export * from ...`.
    "ExportNamedDeclaration|ExportAllDeclaration"(p) {
      const node = p.node;
      if (!node.source || node.exportKind === "type") return;
      const roles = rolesForSpecifier(node.source.value, fileName, modules);
      if (!roles) return;
      use.usesRuntime = true;
      if (node.type === "ExportAllDeclaration") {
        for (const [name2, role] of roles) exportAs(name2, role);
        return;
      }
      for (const spec of node.specifiers) {
        if (spec.type !== "ExportSpecifier" || spec.exportKind === "type") continue;
        const role = roles.get(keyName(spec.local) ?? "");
        if (role) exportAs(keyName(spec.exported), role);
      }
    },
    ImportDeclaration(p) {
      const specifier = p.node.source.value;
      if (specifier === BOOTSTRAP_SPECIFIER) use.importsBootstrap = true;
      if (p.node.importKind === "type") return;
      const roles = rolesForSpecifier(specifier, fileName, modules);
      if (!roles) return;
      use.usesRuntime = true;
      for (const spec of p.get("specifiers")) {
        if (spec.isImportSpecifier() && spec.node.importKind === "type") continue;
        const local = spec.node.local.name;
        const binding = spec.scope.getBinding(local);
        if (!binding) continue;
        if (spec.isImportSpecifier()) {
          const imported = keyName(spec.node.imported) ?? local;
          const role = roles.get(imported);
          if (role) followFunctionBinding(binding, role, local);
          else if (imported === "default") bindPattern(spec.get("local"), roles, local);
        } else {
          bindPattern(spec.get("local"), roles, local);
        }
      }
    },
    CallExpression(p) {
      const callee = p.node.callee;
      if (callee.type === "Identifier" && callee.name === "eval" && !p.scope.getBinding("eval")) evalCalls.push(p);
      const specifier = requireSpecifier(p) ?? dynamicImportSpecifier(p);
      if (specifier === void 0) return;
      if (specifier === BOOTSTRAP_SPECIFIER) use.importsBootstrap = true;
      const roles = rolesForSpecifier(specifier, fileName, modules);
      if (roles) useOfModule(p, roles, specifier === LAMBDA_SPECIFIER ? "lambda" : "sr");
    },
    NewExpression(p) {
      const callee = p.node.callee;
      if (callee.type === "Identifier" && callee.name === "Function" && !p.scope.getBinding("Function")) evalCalls.push(p);
    }
  });
  if (use.usesRuntime) {
    for (const p of evalCalls) {
      use.unresolved.push({
        path: p,
        reason: "code run through `eval` / `new Function` may register hooks the analysis cannot see",
        suggestion: SR005.suggest("plainCode")
      });
    }
  }
  return use;
}
function isModuleExports(node) {
  return node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "module" && propertyName(node) === "exports";
}

// plugin/core/module/classify.ts
function append(reach, suffix) {
  return reach.when === "init" ? { when: "init", keys: reach.keys.map((key) => [...key, ...suffix]) } : reach;
}
function viaCall(reach, call) {
  if (reach.when !== "invoke") return reach;
  return { when: "invoke", direct: false, via: reach.via ?? call };
}
function combine(reaches, noCaller) {
  const keys = reaches.flatMap((r) => r.when === "init" ? r.keys : []);
  if (keys.length > 0) return { when: "init", keys };
  const unknown = reaches.find((r) => r.when === "unknown");
  if (unknown) return unknown;
  const invoke = reaches.find((r) => r.when === "invoke");
  if (invoke) return invoke;
  return { when: "never", reason: noCaller };
}
function lineOf(p) {
  return p.node.loc?.start.line ?? 0;
}
function functionName(p) {
  const node = p.node;
  if ((node.type === "FunctionDeclaration" || node.type === "FunctionExpression") && node.id) return node.id.name;
  if (node.type === "ClassMethod" || node.type === "ObjectMethod") return keyName(node.key) ?? "method";
  if (node.type === "ClassPrivateMethod") return `#${node.key.id.name}`;
  const parent = valueParent(p).parentPath;
  if (parent?.isVariableDeclarator() && parent.node.id.type === "Identifier") return parent.node.id.name;
  return "";
}
function describeFunction(p) {
  const name2 = functionName(p);
  return name2 ? `\`${name2}\`` : `the function at line ${lineOf(p)}`;
}
function classOf(member) {
  return member.parentPath.parentPath;
}
function isExportReference(ref) {
  const self = valueParent(ref);
  const parent = self.parentPath;
  if (!parent) return false;
  if (parent.isExportSpecifier() || parent.isExportDefaultDeclaration()) return true;
  if (parent.isAssignmentExpression() && parent.node.right === self.node) {
    const left = parent.node.left;
    if (isModuleExports(left)) return true;
    if (left.type === "MemberExpression") {
      const object = left.object;
      return object.type === "Identifier" && object.name === "exports" || isModuleExports(object);
    }
  }
  if (parent.isObjectProperty() && parent.node.value === self.node) {
    const assignment = parent.parentPath?.parentPath;
    return !!assignment?.isAssignmentExpression() && isModuleExports(assignment.node.left);
  }
  return false;
}
function isDeclarationExported(p) {
  const parent = p.parentPath;
  if (parent?.isExportNamedDeclaration() || parent?.isExportDefaultDeclaration()) return true;
  if (parent?.isVariableDeclarator()) return !!parent.parentPath?.parentPath?.isExportNamedDeclaration();
  return false;
}
function isTypeReference(ref) {
  const parent = ref.parentPath;
  return !!parent && (parent.isTSTypeQuery() || parent.isTSQualifiedName() || parent.isTSExpressionWithTypeArguments());
}
var Classifier = class {
  constructor(handler, decorators) {
    this.handler = handler;
    this.decorators = decorators;
  }
  handler;
  decorators;
  functions = /* @__PURE__ */ new Map();
  constructions = /* @__PURE__ */ new Map();
  inProgress = /* @__PURE__ */ new Set();
  /** Phase numbers inside a class definition: TC39 applies method decorators before static
   *  blocks and fields run; legacy (`__decorate` after the class body) the other way round. */
  get staticPhase() {
    return this.decorators === "tc39" ? 1 : 0;
  }
  get decoratorPhase() {
    return this.decorators === "tc39" ? 0 : 1;
  }
  /** When the code at `p` runs. */
  position(p) {
    const start = p.node.start ?? 0;
    let child = p;
    let parent = p.parentPath;
    while (parent) {
      if (child.listKey === "decorators") return this.decorator(child).reach;
      const isMember = parent.isClassMethod() || parent.isClassPrivateMethod() || parent.isClassProperty() || parent.isClassPrivateProperty() || parent.isClassAccessorProperty();
      if (isMember && child.key === "key") return this.position(classOf(parent));
      if (isMember && child.key === "value" && !parent.isClassMethod() && !parent.isClassPrivateMethod()) {
        const cls = classOf(parent);
        const member = parent.node;
        if (member.static) return append(this.position(cls), [this.staticPhase, start]);
        return append(this.construction(cls), [1, start]);
      }
      if (parent.isStaticBlock()) return append(this.position(classOf(parent)), [this.staticPhase, start]);
      if (parent.isFunction()) return append(this.function(parent), [start]);
      if (parent.isProgram()) return { when: "init", keys: [[start]] };
      child = parent;
      parent = parent.parentPath;
    }
    return { when: "init", keys: [[start]] };
  }
  /** When a decorator registers, and whether it decorates an instance member. */
  decorator(p) {
    const owner = p.parentPath;
    const index = typeof p.key === "number" ? p.key : 0;
    const count = owner.node.decorators?.length ?? 1;
    const order = count - index;
    if (owner.isClass()) return { reach: append(this.position(owner), [2, order]), instance: false, owner };
    const cls = classOf(owner);
    const member = owner.node;
    const memberStart = member.start ?? 0;
    if (member.static) {
      return { reach: append(this.position(cls), [this.decoratorPhase, memberStart, order]), instance: false, owner };
    }
    if (this.decorators === "legacy") {
      return { reach: append(this.position(cls), [this.decoratorPhase, memberStart, order]), instance: true, owner };
    }
    return { reach: append(this.construction(cls), [0, memberStart, order]), instance: true, owner };
  }
  /** When the body of function `fn` runs (the position of each call that reaches it). */
  function(fn) {
    return this.memo(this.functions, fn, () => this.computeFunction(fn));
  }
  /** When instances of `cls` are constructed. */
  construction(cls) {
    return this.memo(this.constructions, cls, () => this.computeConstruction(cls));
  }
  memo(cache, p, compute) {
    const cached = cache.get(p.node);
    if (cached) return cached;
    if (this.inProgress.has(p.node)) return { when: "never", reason: "it is only reached through a cycle of calls" };
    this.inProgress.add(p.node);
    const reach = compute();
    this.inProgress.delete(p.node);
    cache.set(p.node, reach);
    return reach;
  }
  computeFunction(fn) {
    if (this.handler.functions.has(fn.node)) return { when: "invoke", direct: true };
    const name2 = describeFunction(fn);
    if (fn.isClassMethod() || fn.isClassPrivateMethod()) {
      const cls = classOf(fn);
      if (fn.node.kind === "constructor") return this.construction(cls);
      if (fn.node.static && fn.isClassMethod()) return this.staticMethod(cls, fn);
      return {
        when: "unknown",
        reason: `it is in the instance method ${name2}, and the analysis does not follow calls through instances`,
        at: fn
      };
    }
    if (fn.isObjectMethod()) {
      return { when: "unknown", reason: `it is in the object method ${name2}, and the analysis does not follow calls through objects`, at: fn };
    }
    const self = valueParent(fn);
    const parent = self.parentPath;
    if (parent && (parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee === self.node) {
      return this.position(parent);
    }
    if (parent?.isCallExpression() && parent.node.arguments.includes(self.node) && callsAtOnce(parent)) {
      return viaCall(this.position(parent), parent);
    }
    const reaches = [];
    if (isDeclarationExported(self)) {
      reaches.push({
        when: "unknown",
        reason: `it is in ${name2}, which is exported: the analysis follows calls within a module only, so it cannot tell when other modules call it`,
        at: fn
      });
    }
    const binding = this.bindingOf(fn);
    if (binding) {
      for (const ref of binding.referencePaths) reaches.push(this.reference(ref, name2));
    } else if (reaches.length === 0) {
      reaches.push(this.valueUse(self, name2));
    }
    return combine(reaches, `it is in ${name2}, which nothing in this module calls`);
  }
  staticMethod(cls, method) {
    const methodName = keyName(method.node.key);
    const binding = this.bindingOf(cls);
    const reaches = [];
    const name2 = describeFunction(method);
    if (isDeclarationExported(cls)) {
      reaches.push({ when: "unknown", reason: `it is in the static method ${name2} of an exported class, which other modules may call`, at: method });
    }
    for (const ref of binding?.referencePaths ?? []) {
      const member = ref.parentPath;
      if (!member?.isMemberExpression() || member.node.object !== ref.node) continue;
      if (member.node.computed || keyName(member.node.property) !== methodName) continue;
      reaches.push(this.reference(member, name2));
    }
    return combine(reaches, `it is in the static method ${name2}, which nothing in this module calls`);
  }
  computeConstruction(cls) {
    const name2 = cls.node.id ? `\`${cls.node.id.name}\`` : "this class";
    const reaches = [];
    if (isDeclarationExported(valueParent(cls))) {
      reaches.push({
        when: "unknown",
        reason: `the class ${name2} is exported, and the analysis cannot tell when other modules construct it`,
        at: cls
      });
    }
    const binding = this.bindingOf(cls);
    for (const ref of binding?.referencePaths ?? []) {
      if (isTypeReference(ref)) continue;
      const self = valueParent(ref);
      const parent = self.parentPath;
      if (!parent) continue;
      if (parent.isNewExpression() && parent.node.callee === self.node) {
        reaches.push(viaCall(this.position(parent), parent));
      } else if (parent.isMemberExpression() && parent.node.object === self.node) {
      } else if (parent.isClass() && parent.node.superClass === self.node) {
        reaches.push({ when: "unknown", reason: `the class ${name2} is subclassed, and the analysis does not follow subclasses`, at: parent });
      } else if (isExportReference(ref)) {
        reaches.push({ when: "unknown", reason: `the class ${name2} is exported, and the analysis cannot tell when other modules construct it`, at: ref });
      } else {
        reaches.push(this.valueUse(self, name2));
      }
    }
    return combine(reaches, `the class ${name2} is never constructed in this module`);
  }
  /** One reference to a function's binding: a call, an export, or the function passed as a value. */
  reference(ref, name2) {
    if (isTypeReference(ref)) return { when: "never", reason: "" };
    const self = valueParent(ref);
    const parent = self.parentPath;
    if (!parent) return { when: "never", reason: "" };
    if ((parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee === self.node) {
      return viaCall(this.position(parent), parent);
    }
    if (parent.isMemberExpression() && parent.node.object === self.node) {
      const method = keyName(parent.node.property);
      const call = parent.parentPath;
      if ((method === "call" || method === "apply") && call?.isCallExpression() && call.node.callee === parent.node) {
        return viaCall(this.position(call), call);
      }
    }
    if (isExportReference(ref)) {
      return {
        when: "unknown",
        reason: `it is in ${name2}, which is exported: the analysis follows calls within a module only, so it cannot tell when other modules call it`,
        at: ref
      };
    }
    return this.valueUse(self, name2);
  }
  /** A function value handed to something else (a callback, a property): known only if that
   *  happens at invoke time, since then it cannot run any earlier. */
  valueUse(p, name2) {
    const enclosing = p.getFunctionParent();
    if (enclosing) {
      const outer = this.function(enclosing);
      if (outer.when === "invoke") return { when: "invoke", direct: false, via: outer.via ?? p };
    }
    return {
      when: "unknown",
      reason: `it is in ${name2}, which is passed on as a value at line ${lineOf(p)}, and the analysis cannot tell when that is called`,
      at: p
    };
  }
  bindingOf(p) {
    const node = p.node;
    if ((node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") && node.id) {
      return p.parentPath?.scope.getBinding(node.id.name);
    }
    const parent = valueParent(p).parentPath;
    if (parent?.isVariableDeclarator() && parent.node.id.type === "Identifier") {
      const binding = parent.scope.getBinding(parent.node.id.name);
      return binding?.constant ? binding : void 0;
    }
    return void 0;
  }
};
var SYNC_CALLBACKS = /* @__PURE__ */ new Set([
  "map",
  "flatMap",
  "forEach",
  "filter",
  "reduce",
  "reduceRight",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "sort",
  "toSorted"
]);
function callsAtOnce(call) {
  const callee = call.node.callee;
  if (callee.type !== "MemberExpression") return false;
  const method = propertyName(callee);
  if (method === "from" && callee.object.type === "Identifier" && callee.object.name === "Array" && !call.scope.getBinding("Array")) return true;
  return !!method && SYNC_CALLBACKS.has(method);
}

// plugin/core/ast/location.ts
function locationOf(node, file, lines) {
  const start = node.loc?.start ?? { line: 1, column: 0 };
  const end = node.loc?.end;
  const lineText = lines[start.line - 1] ?? "";
  const length = end && end.line === start.line ? end.column - start.column : Math.max(0, lineText.length - start.column);
  return { file, line: start.line, column: start.column, length, lineText };
}

// plugin/core/module/handler.ts
function unwrap(p) {
  let current = p;
  while (current.isTSAsExpression() || current.isTSSatisfiesExpression() || current.isTSNonNullExpression() || current.isParenthesizedExpression() || current.isAwaitExpression()) {
    current = current.get("expression");
  }
  return current;
}
function isExportsMember(node, name2) {
  if (node.type !== "MemberExpression" || propertyName(node) !== name2) return false;
  const object = node.object;
  return object.type === "Identifier" && object.name === "exports" || isModuleExports(object);
}
function findHandler(program, handlerName, defaultExportIsHandler) {
  const info = { functions: /* @__PURE__ */ new Set() };
  const seen = /* @__PURE__ */ new Set();
  function fromExpression(raw) {
    if (!raw?.node) return;
    const p = unwrap(raw);
    if (seen.has(p.node)) return;
    seen.add(p.node);
    if (p.isFunction()) {
      info.functions.add(p.node);
      return;
    }
    if (p.isIdentifier()) {
      const binding = p.scope.getBinding(p.node.name);
      if (!binding) return;
      if (binding.path.isFunctionDeclaration()) info.functions.add(binding.path.node);
      else if (binding.path.isVariableDeclarator()) fromExpression(binding.path.get("init"));
      return;
    }
    if (p.isCallExpression()) {
      for (const arg of p.get("arguments")) fromExpression(arg);
      const callee = p.get("callee");
      if (callee.isMemberExpression()) fromExpression(callee.get("object"));
      return;
    }
    if (p.isMemberExpression()) {
      const method = propertyName(p.node);
      const cls = classOfInstance(p.get("object"));
      if (method && cls) {
        for (const member of cls.get("body").get("body")) {
          if (member.isClassMethod() && !member.node.static && keyName(member.node.key) === method) info.functions.add(member.node);
        }
      }
    }
  }
  function classOfInstance(raw) {
    let p = unwrap(raw);
    if (p.isIdentifier()) {
      const binding2 = p.scope.getBinding(p.node.name);
      if (!binding2?.path.isVariableDeclarator()) return void 0;
      p = unwrap(binding2.path.get("init"));
    }
    if (!p.isNewExpression()) return void 0;
    const callee = p.get("callee");
    if (!callee.isIdentifier()) return void 0;
    const binding = callee.scope.getBinding(callee.node.name);
    if (binding?.path.isClass()) return binding.path;
    if (binding?.path.isVariableDeclarator()) {
      const init = unwrap(binding.path.get("init"));
      if (init.isClass()) return init;
    }
    return void 0;
  }
  function found(exportPath, value) {
    info.exportPath ??= exportPath;
    fromExpression(value);
  }
  for (const statement of program.get("body")) {
    if (statement.isExportNamedDeclaration()) {
      const declaration = statement.get("declaration");
      if (declaration.isFunctionDeclaration() && declaration.node.id?.name === handlerName) {
        found(statement, declaration);
      } else if (declaration.isVariableDeclaration()) {
        for (const declarator of declaration.get("declarations")) {
          const id = declarator.node.id;
          if (id.type === "Identifier" && id.name === handlerName) found(statement, declarator.get("init"));
        }
      }
      for (const spec of statement.get("specifiers")) {
        if (!spec.isExportSpecifier() || keyName(spec.node.exported) !== handlerName) continue;
        if (statement.node.source) continue;
        found(statement, spec.get("local"));
      }
    } else if (statement.isExportDefaultDeclaration()) {
      if (defaultExportIsHandler || handlerName === "default") found(statement, statement.get("declaration"));
    } else if (statement.isExpressionStatement()) {
      const expression = statement.get("expression");
      if (!expression.isAssignmentExpression() || expression.node.operator !== "=") continue;
      const left = expression.node.left;
      const right = expression.get("right");
      if (isExportsMember(left, handlerName)) {
        found(statement, right);
      } else if (isModuleExports(left)) {
        const value = unwrap(right);
        if (value.isObjectExpression()) {
          for (const prop of value.get("properties")) {
            if (prop.isObjectProperty() && !prop.node.computed && keyName(prop.node.key) === handlerName) {
              found(statement, prop.get("value"));
            } else if (prop.isObjectMethod() && keyName(prop.node.key) === handlerName) {
              found(statement, prop);
            }
          }
        } else if (defaultExportIsHandler) {
          found(statement, right);
        }
      }
    }
  }
  return info;
}

// plugin/core/ast/parse.ts
import { parse } from "@babel/parser";
function syntaxPlugins(fileName) {
  const isTs = /\.[cm]?tsx?$/.test(fileName);
  const isJsx = /\.[jt]sx$/.test(fileName) || /\.[cm]?js$/.test(fileName);
  const plugins = [];
  if (isTs) plugins.push("typescript");
  if (isJsx) plugins.push("jsx");
  return plugins;
}
function sourceTypeOf(fileName) {
  if (/\.m[jt]s$/.test(fileName)) return "module";
  if (/\.c[jt]s$/.test(fileName)) return "script";
  return "unambiguous";
}
var RECENT = 16;
var recent = /* @__PURE__ */ new Map();
function parseSource(source, fileName) {
  const hit = recent.get(fileName);
  if (hit && hit.source === source) return hit.result;
  const result = parseUncached(source, fileName);
  recent.delete(fileName);
  recent.set(fileName, { source, result });
  if (recent.size > RECENT) recent.delete(recent.keys().next().value);
  return result;
}
function parseUncached(source, fileName) {
  const base = syntaxPlugins(fileName);
  let firstError = "";
  for (const decorators of [["decorators", {}], "decorators-legacy"]) {
    try {
      const ast = parse(source, {
        sourceType: sourceTypeOf(fileName),
        sourceFilename: fileName,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowUndeclaredExports: true,
        // TC39 `accessor` fields (class auto-accessors) come with the decorators proposal.
        plugins: [...base, decorators, "decoratorAutoAccessors"]
      });
      return { ok: true, ast };
    } catch (error) {
      if (!firstError) firstError = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, error: firstError };
}

// plugin/core/rules/uniqueness-match.ts
function canonicalModule(specifier) {
  const bare = specifier.replace(/^node:/, "").replace(/^((?:@[^/]+\/)?[^/]+\/.+)\.[cm]?js$/, "$1");
  if (bare === "mysql2/promise") return "mysql2";
  if (bare === "lodash-es" || bare.startsWith("lodash-es/")) return bare.replace("lodash-es", "lodash");
  if (bare === "crypto/webcrypto") return "crypto";
  if (bare.startsWith("uuid/")) return "uuid";
  return bare;
}
function canonicalName(name2) {
  return name2.replace(/^(?:globalThis|global|self|window)\./, "").replace(/^crypto\.webcrypto\./, "crypto.").replace(/^perf_hooks\.performance\b/, "performance").replace(/^timers\.(setInterval|setTimeout)$/, "$1");
}
var byCall = /* @__PURE__ */ new Map();
var byConstruct = /* @__PURE__ */ new Map();
for (const rule9 of UNIQUENESS_RULES) {
  for (const name2 of rule9.match.calls ?? []) byCall.set(name2, rule9);
  for (const name2 of rule9.match.constructs ?? []) byConstruct.set(name2, rule9);
}
function packageOf(name2) {
  const match = /^(@[^/.()]+\/[^/.()]+|[^/.()@]+)/.exec(name2);
  return match ? match[1] : name2;
}
var escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
var packages = [...new Set([...byCall.keys(), ...byConstruct.keys()].map(packageOf))].filter((name2) => /^[@a-z]/.test(name2)).sort();
var UNIQUENESS_PREFILTER = new RegExp(
  String.raw`\bawait\b|\.then\s*\(|(?:\bfrom|\brequire\s*\()\s*['"](?!@aws-sdk\/|@smithy\/|snapshot-restore)[@a-z]|Math\.random|random(?:UUID|Bytes|Int|Fill|FillSync)\b|pseudoRandomBytes|getRandomValues|\bDate\b|\bnow\s*\(|hrtime|setInterval|setTimeout|\bfetch\s*\(|WebSocket|connect\b|createConnection|AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)|['"](?:node:)?(?:` + packages.map(escapeRegExp).join("|") + `)['"/]`
);
function ruleForCall(name2) {
  return byCall.get(name2);
}
function ruleForConstruct(name2) {
  return byConstruct.get(name2);
}
function ruleOf(code) {
  return UNIQUENESS_RULES.find((r) => r.id === code);
}

// plugin/core/module/names.ts
function unwrap2(p) {
  let current = p;
  while (current.isTSAsExpression() || current.isTSNonNullExpression() || current.isTSSatisfiesExpression() || current.isParenthesizedExpression()) {
    current = current.get("expression");
  }
  return current;
}
function nameOf(raw, depth = 0) {
  if (depth > 8 || !raw.node) return void 0;
  const p = unwrap2(raw);
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    if (!binding) return p.node.name;
    const decl = binding.path;
    if (decl.isImportSpecifier()) {
      const source = decl.parentPath.node.source.value;
      return `${canonicalModule(source)}.${keyName(decl.node.imported) ?? p.node.name}`;
    }
    if (decl.isImportDefaultSpecifier() || decl.isImportNamespaceSpecifier()) {
      return canonicalModule(decl.parentPath.node.source.value);
    }
    if (decl.isVariableDeclarator()) {
      const init = decl.get("init");
      if (!binding.constant && decl.node.id.type === "Identifier") return madeName(binding, depth);
      if (!init.node) return void 0;
      const id = decl.node.id;
      if (!binding.constant && !madeByCall(init)) return void 0;
      if (id.type === "Identifier") return nameOf(init, depth + 1);
      if (id.type === "ObjectPattern") {
        for (const prop of id.properties) {
          if (prop.type !== "ObjectProperty") continue;
          const value = prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value;
          if (value.type === "Identifier" && value.name === p.node.name) {
            const base = nameOf(init, depth + 1);
            const key = prop.computed ? stringValue(prop.key) : keyName(prop.key);
            return base && key ? `${base}.${key}` : void 0;
          }
        }
      }
    }
    return void 0;
  }
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    const property = propertyName(p.node);
    const object = nameOf(p.get("object"), depth + 1);
    return property && object ? `${object}.${property}` : void 0;
  }
  if (p.isAwaitExpression()) return nameOf(p.get("argument"), depth + 1);
  if (p.isCallExpression() || p.isNewExpression()) {
    const callee = p.node.callee;
    const specifier = stringValue(p.node.arguments[0]);
    if (specifier !== void 0 && (callee.type === "Identifier" && callee.name === "require" && !p.scope.getBinding("require") || callee.type === "Import")) {
      return canonicalModule(specifier);
    }
    const made = nameOf(p.get("callee"), depth + 1);
    return made ? `${made}()` : void 0;
  }
  return void 0;
}
function madeName(binding, depth) {
  const values = [];
  const init = binding.path.get("init");
  if (init.node) values.push(init);
  for (const violation of binding.constantViolations) {
    if (!violation.isAssignmentExpression() || violation.node.operator !== "=") return void 0;
    values.push(violation.get("right"));
  }
  if (values.length === 0 || !values.every(madeByCall)) return void 0;
  const names = new Set(values.map((value) => nameOf(value, depth + 1)));
  const [name2] = names;
  return names.size === 1 ? name2 : void 0;
}
function madeByCall(init) {
  const p = unwrap2(init);
  const value = p.isAwaitExpression() ? unwrap2(p.get("argument")) : p;
  return value.isCallExpression() || value.isNewExpression();
}

// plugin/core/library/facts.ts
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path3 from "node:path";
var SOCKET = /\b(?:net|tls|http2)(?:_\d+)?(?:\.default)?\)?\s*\.\s*(?:connect|createConnection)\s*\(|\bnew\s+(?:net(?:_\d+)?\.)?Socket\s*\(|\bhttps?(?:_\d+)?(?:\.default)?\)?\.(?:request|get)\s*\(|\bnew\s+WebSocket\s*\(|\bdgram(?:_\d+)?(?:\.default)?\)?\.createSocket\s*\(|(?<![\w$.]|function\s|async\s)fetch\s*\(|(?:require\s*\(\s*|from\s*|import\s*\(\s*)['"](?:node:)?(?:net|tls|undici)['"]/;
var RANDOM = /\bMath\.random\s*\(|\brandom(?:Bytes|UUID|Int|FillSync|Fill)\s*\(|\bgetRandomValues\s*\(/;
var SKIPPED_DIRS = /* @__PURE__ */ new Set(["node_modules", "test", "tests", "__tests__", "example", "examples", "docs", "doc", "bench", "benchmark", "coverage", ".github"]);
var SCANNED = /\.(?:c|m)?js$/;
var BUDGET = 8 * 1024 * 1024;
var BUILTINS = new Set(builtinModules);
var byDir = /* @__PURE__ */ new Map();
var dirs = /* @__PURE__ */ new Map();
function packageNameOf(specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || BUILTINS.has(specifier.split("/")[0])) return void 0;
  const parts = specifier.split("/");
  const name2 = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return /^(?:@[\w.-]+\/)?[\w.-]+$/.test(name2) ? name2 : void 0;
}
function packageDir(name2, fromDir) {
  const key = `${fromDir}\0${name2}`;
  if (dirs.has(key)) return dirs.get(key);
  let found;
  for (let dir = fromDir; ; dir = path3.dirname(dir)) {
    const candidate2 = path3.join(dir, "node_modules", name2);
    if (fs.existsSync(path3.join(candidate2, "package.json"))) {
      found = candidate2;
      break;
    }
    if (path3.dirname(dir) === dir) break;
  }
  dirs.set(key, found);
  return found;
}
function libraryFacts(name2, fromFile) {
  const dir = packageDir(name2, path3.dirname(fromFile));
  return dir ? factsOf(name2, dir, 0) : void 0;
}
function factsOf(name2, dir, depth) {
  const known = byDir.get(dir);
  if (known) return known;
  const facts = { name: name2, dir, sockets: false, random: false };
  byDir.set(dir, facts);
  scan(dir, facts);
  if (!facts.sockets && depth < 2) {
    for (const dependency of dependenciesOf(dir)) {
      const installed = packageDir(dependency, dir);
      if (installed && factsOf(dependency, installed, depth + 1).sockets) {
        facts.sockets = true;
        break;
      }
    }
  }
  return facts;
}
function dependenciesOf(dir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path3.join(dir, "package.json"), "utf8"));
    return Object.keys(manifest.dependencies ?? {});
  } catch {
    return [];
  }
}
function scan(dir, facts) {
  let budget = BUDGET;
  const pending = [dir];
  while (pending.length > 0 && budget > 0 && !(facts.sockets && facts.random)) {
    const current = pending.pop();
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(path3.join(current, entry.name));
        continue;
      }
      if (!entry.isFile() || !SCANNED.test(entry.name) || entry.name.endsWith(".min.js")) continue;
      let text;
      try {
        text = fs.readFileSync(path3.join(current, entry.name), "utf8");
      } catch {
        continue;
      }
      budget -= text.length;
      if (!facts.sockets && SOCKET.test(text)) facts.sockets = true;
      if (!facts.random && RANDOM.test(text)) facts.random = true;
      if (facts.sockets && facts.random || budget <= 0) return;
    }
  }
}

// plugin/core/library/calls.ts
import * as fs2 from "node:fs";
import { builtinModules as builtinModules2 } from "node:module";
import * as path4 from "node:path";
import { parse as parse2 } from "@babel/parser";

// plugin/core/ast/walk.ts
import { VISITOR_KEYS } from "@babel/types";
function walk(node, visit, parent, parentKey = "") {
  if (visit(node, parent, parentKey) === false) return;
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === "string") walk(child, visit, node, key);
    } else if (value && typeof value.type === "string") {
      walk(value, visit, node, key);
    }
  }
}

// plugin/core/library/calls.ts
var BUILTINS2 = new Set(builtinModules2);
var CONNECT_NAMES = /^(?:_?connect|open|_open)$/;
function builtinEffects(specifier, exportName) {
  const sockets = /^(?:net|tls|http2)$/.test(specifier) && /^(?:connect|createConnection)$/.test(exportName) || /^https?$/.test(specifier) && /^(?:request|get)$/.test(exportName) || specifier === "dgram" && exportName === "createSocket";
  const random = specifier === "crypto" && RANDOM_NAMES.test(exportName);
  return { sockets, random };
}
var RANDOM_NAMES = /^(?:random(?:Bytes|UUID|Int|Fill|FillSync)|getRandomValues|pseudoRandomBytes|generateKeyPair(?:Sync)?|generateKey(?:Sync)?)$/;
var BUDGET2 = 400;
var files = /* @__PURE__ */ new Map();
var effectsOf = /* @__PURE__ */ new WeakMap();
function readIndex(file) {
  const known = files.get(file);
  if (known !== void 0) return known ?? void 0;
  let index = null;
  try {
    const source = fs2.readFileSync(file, "utf8");
    const program = parse2(source, {
      sourceType: "unambiguous",
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: true,
      plugins: file.endsWith(".ts") ? ["typescript"] : []
    }).program;
    index = indexOf(file, program);
  } catch {
    index = null;
  }
  files.set(file, index);
  return index ?? void 0;
}
function name(node) {
  if (!node) return void 0;
  if (node.type === "Identifier") return node.name;
  if (node.type === "StringLiteral") return node.value;
  return void 0;
}
function requireOf(node) {
  if (node?.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "require") return name(node.arguments[0]);
  if (node?.type === "CallExpression" && node.arguments.length === 1) return requireOf(node.arguments[0]);
  return void 0;
}
function isExportsObject(node) {
  if (node.type === "Identifier") return node.name === "exports";
  return node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "module" && name(node.property) === "exports";
}
function indexOf(file, program) {
  const index = { file, program, locals: /* @__PURE__ */ new Map(), imports: /* @__PURE__ */ new Map(), exports: /* @__PURE__ */ new Map(), stars: [] };
  const declare = (node) => {
    if ((node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") && node.id) index.locals.set(node.id.name, node);
    if (node.type === "VariableDeclaration") {
      for (const d of node.declarations) {
        if (d.id.type === "Identifier" && d.init) {
          const specifier = requireOf(d.init);
          if (specifier !== void 0) index.imports.set(d.id.name, { specifier, name: "*" });
          else if (d.init.type === "MemberExpression" && requireOf(d.init.object) !== void 0 && name(d.init.property)) {
            index.imports.set(d.id.name, { specifier: requireOf(d.init.object), name: name(d.init.property) });
          } else index.locals.set(d.id.name, d.init);
        } else if (d.id.type === "ObjectPattern" && d.init) {
          const specifier = requireOf(d.init);
          for (const prop of d.id.properties) {
            if (prop.type !== "ObjectProperty" || prop.value.type !== "Identifier") continue;
            const key = name(prop.key);
            if (specifier !== void 0 && key) index.imports.set(prop.value.name, { specifier, name: key });
          }
        }
      }
    }
  };
  for (const statement of program.body) {
    declare(statement);
    switch (statement.type) {
      case "ImportDeclaration":
        for (const s of statement.specifiers) {
          const imported = s.type === "ImportSpecifier" ? name(s.imported) ?? s.local.name : s.type === "ImportDefaultSpecifier" ? "default" : "*";
          index.imports.set(s.local.name, { specifier: statement.source.value, name: imported });
        }
        break;
      case "ExportNamedDeclaration":
        if (statement.declaration) {
          declare(statement.declaration);
          const d = statement.declaration;
          if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id) index.exports.set(d.id.name, { node: d });
          if (d.type === "VariableDeclaration") {
            for (const v of d.declarations) if (v.id.type === "Identifier" && v.init) index.exports.set(v.id.name, { node: v.init });
          }
        }
        for (const s of statement.specifiers) {
          const exported = name(s.exported);
          const local = s.type === "ExportSpecifier" ? name(s.local) : void 0;
          if (!exported) continue;
          if (statement.source) index.exports.set(exported, { from: statement.source.value, name: s.type === "ExportNamespaceSpecifier" ? "*" : local ?? exported });
          else if (local) index.exports.set(exported, { node: { type: "Identifier", name: local } });
        }
        break;
      case "ExportAllDeclaration":
        index.stars.push(statement.source.value);
        break;
      case "ExportDefaultDeclaration":
        index.exports.set("default", { node: statement.declaration });
        break;
      case "ExpressionStatement":
        commonJsExport(statement.expression, index);
        break;
      default:
    }
  }
  return index;
}
function commonJsExport(expression, index) {
  if (expression.type === "AssignmentExpression" && expression.left.type === "MemberExpression") {
    const left = expression.left;
    if (isExportsObject(left.object) && name(left.property)) {
      index.exports.set(name(left.property), { node: expression.right });
    } else if (isExportsObject(left)) {
      index.exports.set("default", { node: expression.right });
      if (expression.right.type === "ObjectExpression") {
        for (const prop of expression.right.properties) {
          if (prop.type === "ObjectProperty" && name(prop.key)) index.exports.set(name(prop.key), { node: prop.value });
        }
      }
      const specifier = requireOf(expression.right);
      if (specifier !== void 0) index.stars.push(specifier);
    }
    if (expression.right.type === "AssignmentExpression") commonJsExport(expression.right, index);
    return;
  }
  if (expression.type === "CallExpression") {
    const callee = expression.callee;
    const calleeName = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? name(callee.property) : void 0;
    if (calleeName === "defineProperty" && expression.arguments[0] && isExportsObject(expression.arguments[0])) {
      const exported = name(expression.arguments[1]);
      const descriptor = expression.arguments[2];
      if (!exported || descriptor?.type !== "ObjectExpression") return;
      for (const prop of descriptor.properties) {
        const getter = prop.type === "ObjectMethod" ? prop : prop.type === "ObjectProperty" && (prop.value.type === "FunctionExpression" || prop.value.type === "ArrowFunctionExpression") ? prop.value : void 0;
        if (prop.type === "ObjectProperty" && name(prop.key) === "value") index.exports.set(exported, { node: prop.value });
        if (!getter || name(prop.key) !== "get") continue;
        const body = getter.body;
        const returned = body.type === "BlockStatement" ? body.body.find((s) => s.type === "ReturnStatement")?.argument : body;
        if (returned) index.exports.set(exported, { node: returned });
      }
      return;
    }
    if (calleeName && /^__export(?:Star)?$/.test(calleeName)) {
      const specifier = requireOf(expression.arguments[0]);
      if (specifier !== void 0) index.stars.push(specifier);
    }
  }
  if (expression.type === "SequenceExpression") for (const e of expression.expressions) commonJsExport(e, index);
}
function resolveFile(specifier, fromFile) {
  if (specifier.startsWith(".")) {
    const base = path4.resolve(path4.dirname(fromFile), specifier);
    for (const candidate2 of [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`, path4.join(base, "index.js"), path4.join(base, "index.cjs"), path4.join(base, "index.mjs")]) {
      if (isFile(candidate2)) return candidate2;
    }
    return void 0;
  }
  const pkg = packageNameOf(specifier);
  if (!pkg) return void 0;
  const sub = specifier.slice(pkg.length + 1);
  for (let dir = path4.dirname(fromFile); ; dir = path4.dirname(dir)) {
    const root = path4.join(dir, "node_modules", pkg);
    const manifestFile = path4.join(root, "package.json");
    if (isFile(manifestFile)) {
      let manifest;
      try {
        manifest = JSON.parse(fs2.readFileSync(manifestFile, "utf8"));
      } catch {
        return void 0;
      }
      const entry = entryOf(manifest, sub);
      return entry === void 0 ? void 0 : resolveFile(`./${entry.replace(/^\.\//, "")}`, path4.join(root, "package.json"));
    }
    if (path4.dirname(dir) === dir) return void 0;
  }
}
function entryOf(manifest, sub) {
  const pick = (value) => {
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return value.map(pick).find(Boolean);
    if (value && typeof value === "object") {
      const conditions = value;
      for (const condition of ["node", "require", "default", "import"]) {
        const chosen = condition in conditions ? pick(conditions[condition]) : void 0;
        if (chosen && !chosen.endsWith(".d.ts")) return chosen;
      }
    }
    return void 0;
  };
  const exportsField = manifest.exports;
  if (exportsField && typeof exportsField === "object" && !Array.isArray(exportsField)) {
    const map = exportsField;
    if (Object.keys(map).some((k) => k.startsWith("."))) return pick(map[sub ? `./${sub}` : "."]);
    if (!sub) return pick(map);
  } else if (typeof exportsField === "string" && !sub) return exportsField;
  if (sub) return sub;
  return typeof manifest.main === "string" ? manifest.main : "index.js";
}
function isFile(file) {
  try {
    return fs2.statSync(file).isFile();
  } catch {
    return false;
  }
}
var Reader = class {
  bodies = 0;
  /** What an export of a module denotes (`connect` of mqtt's entry). */
  exportOf(index, exportName, seen = /* @__PURE__ */ new Set()) {
    const key = `${index.file}\0${exportName}`;
    if (seen.has(key) || seen.size > 40) return void 0;
    seen.add(key);
    const entry = index.exports.get(exportName);
    if (entry?.from !== void 0) return this.moduleValue(entry.from, index.file, entry.name ?? exportName, seen);
    if (entry?.node) return this.valueOf(entry.node, index, seen);
    for (const star of index.stars) {
      const target = this.module(star, index.file);
      const found = target && this.exportOf(target, exportName, seen);
      if (found) return found;
    }
    return void 0;
  }
  module(specifier, fromFile) {
    const file = resolveFile(specifier, fromFile);
    return file ? readIndex(file) : void 0;
  }
  /** A module as a value: a library's file, or a built-in. */
  moduleValue(specifier, fromFile, exportName, seen) {
    if (BUILTINS2.has(specifier.replace(/^node:/, "").split("/")[0])) return { kind: "builtin", specifier: specifier.replace(/^node:/, ""), name: exportName };
    const target = this.module(specifier, fromFile);
    if (!target) return void 0;
    return exportName === "*" ? { kind: "module", file: target } : this.exportOf(target, exportName, seen);
  }
  /** What an expression of a file denotes. */
  valueOf(node, index, seen) {
    switch (node.type) {
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
      case "ClassDeclaration":
      case "ClassExpression":
        return { kind: "function", node, file: index };
      case "Identifier": {
        const imported = index.imports.get(node.name);
        if (imported) return this.moduleValue(imported.specifier, index.file, imported.name, seen);
        const local = index.locals.get(node.name);
        return local && local !== node ? this.valueOf(local, index, seen) : void 0;
      }
      case "MemberExpression": {
        const member = name(node.property);
        const object = this.valueOf(node.object, index, seen);
        if (!member || !object) return void 0;
        if (object.kind === "module") return this.exportOf(object.file, member, seen);
        if (object.kind === "builtin") return object.name === "*" ? { ...object, name: member } : void 0;
        return staticMember(object, member);
      }
      case "CallExpression": {
        const specifier = requireOf(node);
        return specifier === void 0 ? void 0 : this.moduleValue(specifier, index.file, "*", seen);
      }
      case "SequenceExpression":
        return this.valueOf(node.expressions[node.expressions.length - 1], index, seen);
      default:
        return void 0;
    }
  }
  /** What calling (or constructing) a definition does before it returns. */
  effects(given, depth = 0) {
    const none = { sockets: false, random: false };
    if (given.kind === "builtin") return builtinEffects(given.specifier, given.name);
    const definition = given.kind === "module" ? this.exportOf(given.file, "default", /* @__PURE__ */ new Set()) : given;
    if (definition?.kind === "builtin") return builtinEffects(definition.specifier, definition.name);
    if (definition?.kind !== "function") return none;
    const { node, file } = definition;
    const known = effectsOf.get(node);
    if (known) return known;
    if (depth > 10 || this.bodies++ > BUDGET2) return none;
    const result = { sockets: false, random: false };
    effectsOf.set(node, result);
    const merge = (more) => {
      if (!more) return;
      result.sockets ||= more.sockets;
      result.random ||= more.random;
      result.connects ||= more.connects;
    };
    const cls = node.type === "ClassDeclaration" || node.type === "ClassExpression" ? node : void 0;
    const bodies = [];
    if (cls) {
      const ctor = cls.body.body.find((m) => m.type === "ClassMethod" && m.kind === "constructor");
      if (ctor) bodies.push(ctor.body);
      for (const member of cls.body.body)
        if ((member.type === "ClassProperty" || member.type === "ClassPrivateProperty") && !member.static && member.value) bodies.push(member.value);
      if (cls.superClass) {
        const parent = this.valueOf(cls.superClass, file, /* @__PURE__ */ new Set());
        if (parent) merge(this.effects(parent, depth + 1));
      }
    } else {
      bodies.push(node.body);
    }
    const locals = /* @__PURE__ */ new Map();
    if (!cls) {
      for (const param of node.params) {
        if (param.type === "AssignmentPattern" && param.left.type === "Identifier") locals.set(param.left.name, param.right);
      }
    } else {
      const ctor = cls.body.body.find((m) => m.type === "ClassMethod" && m.kind === "constructor");
      for (const param of ctor?.params ?? []) {
        if (param.type === "AssignmentPattern" && param.left.type === "Identifier") locals.set(param.left.name, param.right);
      }
    }
    const owner = cls ?? enclosingClass(file, node);
    const resolve4 = (callee) => {
      if (callee.type === "Identifier" && locals.has(callee.name)) return this.valueOf(locals.get(callee.name), file, /* @__PURE__ */ new Set());
      if (callee.type === "MemberExpression" && callee.object.type === "ThisExpression" && owner) {
        const method = methodOf(owner, name(callee.property));
        if (method) return { kind: "function", node: method, file };
        let parent = owner.superClass ? this.valueOf(owner.superClass, file, /* @__PURE__ */ new Set()) : void 0;
        for (let i = 0; parent?.kind === "function" && i < 5; i++) {
          const parentClass = parent.node.type === "ClassDeclaration" || parent.node.type === "ClassExpression" ? parent.node : void 0;
          const inherited = parentClass && methodOf(parentClass, name(callee.property));
          if (inherited) return { kind: "function", node: inherited, file: parent.file };
          parent = parentClass?.superClass ? this.valueOf(parentClass.superClass, parent.file, /* @__PURE__ */ new Set()) : void 0;
        }
        return void 0;
      }
      return this.valueOf(callee, file, /* @__PURE__ */ new Set());
    };
    for (const body of bodies) {
      walk(body, (child, parent) => {
        if (result.sockets && result.random) return false;
        if (child !== body && isFunction(child)) {
          const invoked = parent?.type === "CallExpression" && parent.callee === child;
          const executor = parent?.type === "NewExpression" && parent.callee.type === "Identifier" && parent.callee.name === "Promise";
          if (!invoked && !executor) return false;
        }
        if (child.type !== "CallExpression" && child.type !== "NewExpression") return;
        let callee = child.callee;
        if (callee.type === "SequenceExpression") callee = callee.expressions[callee.expressions.length - 1];
        const method = callee.type === "MemberExpression" ? name(callee.property) : callee.type === "Identifier" ? callee.name : void 0;
        if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Math" && method === "random") result.random = true;
        else if (method && RANDOM_NAMES.test(method)) result.random = true;
        else if (child.type === "NewExpression" && method === "WebSocket") result.sockets = true;
        else if (child.type === "CallExpression" && callee.type === "Identifier" && callee.name === "fetch" && !file.locals.has("fetch")) result.sockets = true;
        if (method && CONNECT_NAMES.test(method)) result.connects = true;
        const target = resolve4(callee);
        if (target) merge(this.effects(target, depth + 1));
      });
    }
    return result;
  }
};
function isFunction(node) {
  return node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression" || node.type === "FunctionDeclaration" || node.type === "ClassMethod" || node.type === "ObjectMethod";
}
function methodOf(cls, method) {
  if (!method) return void 0;
  return cls.body.body.find((m) => m.type === "ClassMethod" && m.kind === "method" && !m.static && name(m.key) === method);
}
function staticMember(definition, member) {
  const node = definition.node;
  if (node.type !== "ClassDeclaration" && node.type !== "ClassExpression") return void 0;
  const method = node.body.body.find((m) => m.type === "ClassMethod" && m.static && name(m.key) === member);
  return method ? { kind: "function", node: method, file: definition.file } : void 0;
}
function enclosingClass(index, node) {
  for (const local of index.locals.values()) {
    if ((local.type === "ClassDeclaration" || local.type === "ClassExpression") && local.body.body.includes(node)) return local;
  }
  return void 0;
}
function callEffects(specifier, fromFile, exportPath) {
  const reader = new Reader();
  const entry = reader.module(specifier, fromFile);
  if (!entry) return void 0;
  const follow = (segments) => {
    let definition2 = { kind: "module", file: entry };
    for (const segment of segments) {
      if (definition2?.kind === "module") definition2 = reader.exportOf(definition2.file, segment);
      else if (definition2?.kind === "function") definition2 = staticMember(definition2, segment);
      else return void 0;
    }
    return definition2;
  };
  let definition = exportPath[0] === "default" ? (exportPath.length === 1 ? void 0 : follow(exportPath.slice(1))) ?? follow(exportPath) : follow(exportPath);
  if (!definition && exportPath.length === 1 && exportPath[0] === "default") definition = { kind: "module", file: entry };
  return definition ? reader.effects(definition) : void 0;
}

// plugin/core/module/init-work.ts
var RETRIES_STALE_SOCKETS = /^@(?:aws-sdk|smithy)\//;
var CONNECTION_KEYS = /* @__PURE__ */ new Set([
  "host",
  "hostname",
  "port",
  "url",
  "uri",
  "connectionString",
  "connectionUri",
  "connection",
  "servers",
  "brokers",
  "nodes",
  "socketPath",
  "database",
  "username",
  "password"
]);
var CONNECTION_URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s]/i;
var CONNECTION_VARIABLE = /(?:^|_)(?:URL|URI|DSN|HOST|ENDPOINT|CONNECTION(?:_STRING)?)$/;
var ID_WORDS = /* @__PURE__ */ new Set(["id", "ids", "uid", "uuid", "guid", "ulid", "cuid", "ksuid", "nanoid", "hyperid", "objectid", "snowflake", "flake", "shortid", "xid", "unique"]);
var KEY_WORDS = /* @__PURE__ */ new Set(["key", "keys", "keypair", "secret", "salt", "nonce", "iv"]);
function wordsOf(name2) {
  return name2.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").split(/[\s_\-.$]+/).filter(Boolean).map((w) => w.toLowerCase());
}
function madeFromValue(args) {
  return args.some((raw) => {
    const arg = unwrap2(raw);
    return arg.isStringLiteral() || arg.isTemplateLiteral() || arg.isNumericLiteral();
  });
}
function objectArgument(raw) {
  const arg = unwrap2(raw);
  if (arg.isObjectExpression()) return arg;
  if (!arg.isIdentifier()) return void 0;
  const binding = arg.scope.getBinding(arg.node.name);
  const decl = binding?.path;
  if (!binding?.constant || !decl?.isVariableDeclarator()) return void 0;
  const init = unwrap2(decl.get("init"));
  return init.isObjectExpression() ? init : void 0;
}
function handedClient(args, program) {
  for (const raw of args) {
    const object = objectArgument(raw);
    for (const prop of object?.get("properties") ?? []) {
      if (!prop.isObjectProperty() || prop.node.computed || !HANDED_KEYS.has(keyName(prop.node.key) ?? "")) continue;
      const value = unwrap2(prop.get("value"));
      if (value.isIdentifier()) {
        const binding = value.scope.getBinding(value.node.name);
        if (binding && program.scope.getBinding(value.node.name) === binding) return binding;
      }
    }
  }
  return void 0;
}
var HANDED_KEYS = /* @__PURE__ */ new Set(["connection", "redis"]);
function optedOutOfConnecting(args) {
  return args.some((raw) => {
    const arg = objectArgument(raw);
    if (!arg) return false;
    return arg.node.properties.some((prop) => {
      if (prop.type !== "ObjectProperty" || prop.value.type !== "BooleanLiteral") return false;
      const key = keyName(prop.key) ?? "";
      return /^(?:lazy|manual|defer)/i.test(key) && prop.value.value || /^auto(?:Connect|Open|Start)$/.test(key) && !prop.value.value;
    });
  });
}
var OPENERS = /^(?:\$?connect|_connect|open|init|initialize|start|login|authenticate|waitUntilReady|ready|sync|ping)$/;
var CLOSERS2 = /^(?:\$?disconnect|close|end|quit|destroy|terminate|shutdown|release)$/;
function importOfCallee(callee) {
  const members = [];
  let p = unwrap2(callee);
  while (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    const member = propertyName(p.node);
    if (member === void 0) return void 0;
    members.unshift(member);
    p = unwrap2(p.get("object"));
  }
  if (p.isCallExpression()) {
    const specifier = requireSpecifier(p);
    return specifier === void 0 ? void 0 : { specifier, path: members };
  }
  if (!p.isIdentifier()) return void 0;
  const decl = p.scope.getBinding(p.node.name)?.path;
  if (!decl) return void 0;
  const source = decl.parentPath?.node;
  if (decl.isImportSpecifier()) return { specifier: source.source.value, path: [keyName(decl.node.imported) ?? p.node.name, ...members] };
  if (decl.isImportDefaultSpecifier()) return { specifier: source.source.value, path: ["default", ...members] };
  if (decl.isImportNamespaceSpecifier()) return { specifier: source.source.value, path: members };
  if (decl.isVariableDeclarator()) {
    const init = decl.get("init");
    const specifier = init.node && init.isCallExpression() ? requireSpecifier(init) : void 0;
    if (specifier === void 0) return void 0;
    if (decl.node.id.type === "Identifier") return { specifier, path: members };
    if (decl.node.id.type === "ObjectPattern") {
      for (const prop of decl.node.id.properties) {
        if (prop.type === "ObjectProperty" && prop.value.type === "Identifier" && prop.value.name === p.node.name) {
          const key = keyName(prop.key);
          return key ? { specifier, path: [key, ...members] } : void 0;
        }
      }
    }
  }
  return void 0;
}
function packageOfCallee(callee) {
  let p = unwrap2(callee);
  while (p.isMemberExpression() || p.isOptionalMemberExpression()) p = unwrap2(p.get("object"));
  if (p.isCallExpression()) {
    const specifier = requireSpecifier(p);
    return specifier === void 0 ? void 0 : packageNameOf(specifier);
  }
  if (!p.isIdentifier()) return void 0;
  const decl = p.scope.getBinding(p.node.name)?.path;
  if (!decl) return void 0;
  if (decl.isImportSpecifier() || decl.isImportDefaultSpecifier() || decl.isImportNamespaceSpecifier()) {
    const declaration = decl.parentPath.node;
    return declaration.importKind === "type" ? void 0 : packageNameOf(declaration.source.value);
  }
  if (decl.isVariableDeclarator()) {
    let init = decl.get("init");
    if (!init.node) return void 0;
    init = unwrap2(init);
    if (init.isAwaitExpression()) init = unwrap2(init.get("argument"));
    while (init.isMemberExpression()) init = unwrap2(init.get("object"));
    if (init.isCallExpression()) {
      const specifier = requireSpecifier(init) ?? (init.node.callee.type === "Import" ? stringValue(init.node.arguments[0]) : void 0);
      return specifier === void 0 ? void 0 : packageNameOf(specifier);
    }
  }
  return void 0;
}
function connectionSettings(args, depth = 0) {
  return args.some((raw) => {
    const arg = unwrap2(raw);
    if (arg.isObjectExpression()) {
      return arg.node.properties.some((prop) => prop.type === "ObjectProperty" && !prop.computed && CONNECTION_KEYS.has(keyName(prop.key) ?? ""));
    }
    const text = stringValue(arg.node);
    if (text !== void 0) return CONNECTION_URL.test(text);
    if (arg.isTemplateLiteral()) return CONNECTION_URL.test(arg.node.quasis[0]?.value.cooked ?? "");
    if (arg.isMemberExpression() || arg.isOptionalMemberExpression()) {
      const object = arg.node.object;
      const isEnv = object.type === "MemberExpression" && object.object.type === "Identifier" && object.object.name === "process" && propertyName(object) === "env";
      return isEnv && CONNECTION_VARIABLE.test(propertyName(arg.node) ?? "");
    }
    if (arg.isIdentifier() && depth < 2) {
      const decl = arg.scope.getBinding(arg.node.name)?.path;
      if (decl?.isVariableDeclarator() && decl.node.init) return connectionSettings([decl.get("init")], depth + 1);
    }
    return false;
  });
}
function madeBy(binding) {
  const decl = binding.path;
  if (!decl.isVariableDeclarator() || decl.node.id.type !== "Identifier") return void 0;
  let value = decl.get("init");
  if (!value.node) {
    const first = binding.constantViolations.find((v) => v.isAssignmentExpression() && v.node.operator === "=");
    if (!first) return void 0;
    value = first.get("right");
  }
  value = unwrap2(value);
  const awaited = value.isAwaitExpression();
  if (awaited) value = unwrap2(value.get("argument"));
  if (!value.isCallExpression() && !value.isNewExpression()) return void 0;
  if (value.node.callee.type === "Import" || requireSpecifier(value) !== void 0) return void 0;
  return { call: value, awaited };
}
function receiverOf(callee) {
  let p = unwrap2(callee);
  let method;
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) method = propertyName(p.node);
  while (p.isMemberExpression() || p.isOptionalMemberExpression()) p = unwrap2(p.get("object"));
  return p.isIdentifier() ? { root: p, ...method !== void 0 ? { method } : {} } : void 0;
}
function waitedFor(p) {
  let child = p;
  let parent = p.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isArrayExpression())) {
    child = parent;
    parent = parent.parentPath;
  }
  if (!parent) return void 0;
  if (parent.isAwaitExpression()) return "awaited";
  if (parent.isMemberExpression() && parent.node.object === child.node && ["then", "catch", "finally"].includes(propertyName(parent.node) ?? "")) return "awaited";
  if (parent.isCallExpression() && parent.node.callee.type === "MemberExpression" && parent.node.callee.object.type === "Identifier" && parent.node.callee.object.name === "Promise") {
    return waitedFor(parent) ?? "kept";
  }
  if (parent.isVariableDeclarator() || parent.isAssignmentExpression()) return "kept";
  return void 0;
}
function findCandidates(program) {
  const candidates = /* @__PURE__ */ new Map();
  const bindings = Object.values(program.scope.bindings).filter((b) => b.kind === "const" || b.kind === "let" || b.kind === "var");
  bindings.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
  for (const binding of bindings) {
    const made = madeBy(binding);
    if (!made) continue;
    const callee = made.call.get("callee");
    const receiver = receiverOf(callee);
    const parent = receiver ? program.scope.getBinding(receiver.root.node.name) : void 0;
    const base = parent ? candidates.get(parent) : void 0;
    if (base) {
      candidates.set(binding, { ...base, binding, name: binding.identifier.name, derivedFrom: base.derivedFrom ?? base.binding });
      continue;
    }
    const packageName = packageOfCallee(callee);
    if (!packageName || RETRIES_STALE_SOCKETS.test(packageName)) continue;
    candidates.set(binding, {
      binding,
      name: binding.identifier.name,
      made: nameOf(callee) ?? packageName,
      packageName,
      args: made.call.get("arguments"),
      call: made.call,
      ...made.awaited ? { awaitedFactory: made.call } : {}
    });
  }
  return candidates;
}
function initWork(ctx) {
  const clients = findCandidates(ctx.program);
  if (clients.size === 0) return;
  const rootOf = (binding) => clients.get(binding)?.derivedFrom ?? binding;
  const done = new Set([...ctx.reported].map(rootOf));
  const connects = /* @__PURE__ */ new Map();
  const connecting = (root) => {
    const client = clients.get(root);
    let known = connects.get(root);
    if (known === void 0) {
      known = connectionSettings(client.args) || libraryFacts(client.packageName, ctx.file)?.sockets === true;
      connects.set(root, known);
    }
    return known;
  };
  const closedAt = /* @__PURE__ */ new Map();
  const sites = [];
  const made = [];
  for (const [binding, client] of clients) {
    if (client.awaitedFactory && !client.derivedFrom && ctx.phaseOf(client.awaitedFactory)) sites.push({ path: client.awaitedFactory, binding, how: "factory" });
  }
  const visit = (p, callee) => {
    const receiver = receiverOf(callee);
    if (!receiver) return;
    const binding = p.scope.getBinding(receiver.root.node.name);
    if (!binding || !clients.has(binding) || !ctx.phaseOf(p)) return;
    const method = receiver.method;
    if (method !== void 0 && CLOSERS2.test(method)) {
      const root = rootOf(binding);
      closedAt.set(root, Math.max(closedAt.get(root) ?? 0, p.node.start ?? 0));
      return;
    }
    const waited = waitedFor(p);
    const opens = method !== void 0 && OPENERS.test(method);
    if (waited === "awaited" || opens && (waited === "kept" || p.parentPath?.isExpressionStatement())) sites.push({ path: p, binding, how: "awaited" });
  };
  ctx.program.traverse({
    CallExpression(p) {
      visit(p, p.get("callee"));
    },
    TaggedTemplateExpression(p) {
      visit(p, p.get("tag"));
    }
  });
  for (const [binding, client] of clients) {
    if (client.derivedFrom || !ctx.phaseOf(client.call)) continue;
    const imported = importOfCallee(client.call.get("callee"));
    if (!imported) continue;
    const named = [...imported.path, client.name];
    const idLike = named.some((word) => wordsOf(word).some((w) => ID_WORDS.has(w)));
    const keyLike = named.some((word) => wordsOf(word).some((w) => KEY_WORDS.has(w)));
    const lazy = optedOutOfConnecting(client.args) || client.awaitedFactory !== void 0;
    if (lazy && !idLike && !keyLike) continue;
    const facts = libraryFacts(client.packageName, ctx.file);
    if (!facts || !(facts.sockets && !lazy || facts.random && (idLike || keyLike))) continue;
    const effects = callEffects(imported.specifier, ctx.file, imported.path);
    if (!effects) continue;
    const handed = lazy ? void 0 : handedClient(client.args, ctx.program);
    const takesClient = handed !== void 0 && clients.has(handed) && facts.sockets;
    const connectsNow = !lazy && (takesClient || effects.sockets || effects.connects === true && facts.sockets);
    if (connectsNow) sites.push({ path: client.call, binding, how: "made" });
    else if (effects.random && (idLike || keyLike) && !ctx.touched(binding) && !(idLike && madeFromValue(client.args)))
      made.push({ binding, client, code: keyLike && !idLike ? "SR103" : "SR104" });
  }
  for (const { binding, client, code } of made) {
    if (done.has(binding)) continue;
    done.add(binding);
    ctx.report(code, client.call, client, "made");
  }
  sites.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
  for (const site of sites) {
    const root = rootOf(site.binding);
    if (done.has(root)) continue;
    if ((closedAt.get(root) ?? -1) > (site.path.node.start ?? 0)) continue;
    const related = [...clients.values()].filter((c) => rootOf(c.binding) === root);
    if (related.some((c) => ctx.touched(c.binding))) continue;
    if (site.how !== "made" && !connecting(root)) continue;
    done.add(root);
    ctx.report("SR107", site.path, clients.get(root), site.how);
  }
}

// plugin/core/module/credentials.ts
var CREDENTIAL_COMMANDS = /^(?:AssumeRole(?:WithWebIdentity|WithSAML)?|GetSessionToken|GetFederationToken|GetRoleCredentials|GetCredentialsForIdentity|GetSecretValue|BatchGetSecretValue)Command$/;
var FETCH_VERB = /^(?:get|fetch|load|resolve|retrieve|read)$/;
var SECRET_NOUN = /^(?:secrets?|credentials?|creds|tokens?|password|apikey|passwords)$/;
function words(name2) {
  return name2.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[\s_$-]+/).filter(Boolean).map((w) => w.toLowerCase());
}
function calleeWords(callee) {
  const found = [];
  let node = callee;
  for (let i = 0; i < 6; i++) {
    if (node.type === "Identifier") {
      found.push(node.name);
      break;
    }
    if (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") {
      const name2 = propertyName(node);
      if (name2) found.push(name2);
      node = node.object;
      continue;
    }
    if (node.type === "CallExpression") {
      node = node.callee;
      continue;
    }
    break;
  }
  return found;
}
function resolves(call) {
  const callee = call.callee;
  if (callee.type === "CallExpression") {
    const name2 = calleeWords(callee.callee)[0] ?? "";
    if (/credential|provider/i.test(name2) || /^from[A-Z]/.test(name2)) return "credentials";
  }
  const names = calleeWords(callee);
  if (names[0] === "credentials" && names[1] === "config") return "credentials";
  if (names[0] === "send") {
    const arg = call.arguments[0];
    if (arg?.type === "NewExpression" && arg.callee.type === "Identifier" && CREDENTIAL_COMMANDS.test(arg.callee.name)) {
      return /Secret/.test(arg.callee.name) ? "secret" : "credentials";
    }
  }
  const own = words(names[0] ?? "");
  const rest = own.slice(1);
  if (rest.length > 0 && FETCH_VERB.test(own[0]) && (rest.some((w) => SECRET_NOUN.test(w)) || /(?:api|access)key$/.test(rest.join("")))) {
    return own.some((w) => /^secrets?$/.test(w)) ? "secret" : "credentials";
  }
  return void 0;
}
function credentialsAtInit(ctx) {
  ctx.program.traverse({
    AwaitExpression(p) {
      const argument = unwrap2(p.get("argument"));
      if (!argument.isCallExpression()) return;
      const what = resolves(argument.node);
      if (!what || !ctx.phaseOf(p)) return;
      const place = ctx.keptAt(p);
      if (!place.kept || place.renewed) return;
      ctx.report(argument, place.name, place.binding, what);
    }
  });
}

// plugin/core/module/uniqueness.ts
function textOf(node, source) {
  return source.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, " ");
}
function objectText(node, source) {
  return node.type === "ThisExpression" ? "this" : textOf(node, source);
}
function isLogger(callee) {
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "console";
}
function storeOf(p, source) {
  let child = p;
  let parent = p.parentPath;
  while (parent) {
    if (parent.isVariableDeclarator() && parent.node.init === child.node) {
      const id = parent.node.id;
      if (id.type === "Identifier") return { kept: true, text: id.name, binding: parent.scope.getBinding(id.name), value: child.node };
      return { kept: true, text: textOf(id, source) };
    }
    if (parent.isAssignmentExpression() && parent.node.right === child.node) {
      const left = parent.node.left;
      if (left.type === "Identifier") return { kept: true, text: left.name, binding: parent.scope.getBinding(left.name), value: child.node };
      if (left.type === "MemberExpression") {
        const property = memberName(left);
        return { kept: true, text: textOf(left, source), property, object: objectText(left.object, source), value: child.node };
      }
      return { kept: true, text: textOf(left, source) };
    }
    if ((parent.isClassProperty() || parent.isClassPrivateProperty()) && parent.node.value === child.node) {
      const cls = parent.parentPath?.parentPath?.node;
      const property = parent.isClassPrivateProperty() ? `#${parent.node.key.id.name}` : keyName(parent.node.key);
      const owner = parent.node.static ? cls?.id?.name ?? "this" : "this";
      return { kept: true, text: `${owner}.${property}`, property, object: owner, value: child.node };
    }
    if (parent.isExpressionStatement()) return { kept: false };
    if (parent.isUnaryExpression() && parent.node.operator === "void") return { kept: false };
    if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee !== child.node && isLogger(parent.node.callee)) {
      return { kept: false };
    }
    if (parent.isStatement() || parent.isFunction()) return { kept: true };
    child = parent;
    parent = parent.parentPath;
  }
  return { kept: true };
}
function functionOf(arg) {
  if (!arg?.node) return void 0;
  const p = unwrap2(arg);
  if (p.isFunction()) return p;
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    if (binding?.path.isFunctionDeclaration()) return binding.path;
    if (binding?.path.isVariableDeclarator()) return functionOf(binding.path.get("init"));
    return void 0;
  }
  if (p.isCallExpression()) {
    const callee = p.get("callee");
    if (callee.isMemberExpression() && propertyName(callee.node) === "bind") return functionOf(callee.get("object"));
  }
  return void 0;
}
function hookEffects(program, file, options, source) {
  const effects = {
    renewedBindings: /* @__PURE__ */ new Set(),
    renewedProperties: [],
    touchedBindings: /* @__PURE__ */ new Set(),
    touchedProperties: [],
    beforeSnapshot: /* @__PURE__ */ new Set(),
    renewedClasses: /* @__PURE__ */ new Set()
  };
  if (!mentionNeedles(options.modules ?? []).some((needle) => source.includes(needle))) return effects;
  const use = findRuntimeUse(program, file, options.modules ?? []);
  const seen = { renews: /* @__PURE__ */ new Set(), touches: /* @__PURE__ */ new Set() };
  const visit = (fn, renews) => {
    const visited = renews ? seen.renews : seen.touches;
    if (visited.has(fn.node)) return;
    visited.add(fn.node);
    fn.traverse({
      AssignmentExpression(p) {
        const left = p.node.left;
        if (left.type === "Identifier") {
          const binding = p.scope.getBinding(left.name);
          if (binding && renews) effects.renewedBindings.add(binding);
        } else if (left.type === "MemberExpression") {
          const property = memberName(left);
          if (!property) return;
          const entry = { object: objectText(left.object, source), property };
          if (renews) effects.renewedProperties.push(entry);
          effects.touchedProperties.push(entry);
          let root = left.object;
          while (root.type === "MemberExpression") root = root.object;
          if (root.type === "Identifier" && renews) {
            const binding = p.scope.getBinding(root.name);
            if (binding) effects.renewedBindings.add(binding);
          }
        }
      },
      ReferencedIdentifier(p) {
        const binding = p.scope.getBinding(p.node.name);
        if (!binding) return;
        effects.touchedBindings.add(binding);
        const callee = p.parentPath;
        if (callee?.isCallExpression() && callee.node.callee === p.node) {
          const target = functionOf(p);
          if (target) visit(target, renews);
        }
      },
      MemberExpression(p) {
        const property = memberName(p.node);
        if (property) effects.touchedProperties.push({ object: objectText(p.node.object, source), property });
      },
      CallExpression(p) {
        const method = methodOf2(p);
        if (method) visit(method, renews);
        const arg = p.node.arguments[0];
        if (renews && arg?.type === "Identifier" && FILLS.has(canonicalName(nameOf(p.get("callee")) ?? ""))) {
          const binding = p.scope.getBinding(arg.name);
          if (binding) effects.renewedBindings.add(binding);
        }
      },
      NewExpression(p) {
        const callee = p.node.callee;
        const binding = callee.type === "Identifier" ? p.scope.getBinding(callee.name) : void 0;
        if (renews && binding?.path.isClass()) effects.renewedClasses.add(binding.path.node);
      }
    });
  };
  for (const site of use.registrations) {
    let fn;
    if (site.kind === "decorator") {
      const owner = site.path.parentPath;
      fn = owner?.isClassMethod() || owner?.isClassPrivateMethod() ? owner : void 0;
    } else {
      fn = functionOf(site.path.get("arguments")[0]);
    }
    if (!fn) continue;
    if (site.phase === "beforeSnapshot") effects.beforeSnapshot.add(fn.node);
    visit(fn, site.phase === "afterRestore");
  }
  return effects;
}
function madeByRenewedInstance(p, renewedClasses) {
  const member = p.findParent((parent) => parent.isClassProperty() || parent.isClassPrivateProperty() || parent.isClassMethod({ kind: "constructor" }));
  if (!member || member.node.static) return false;
  const owner = member.findParent((parent) => parent.isClass());
  return !!owner && renewedClasses.has(owner.node);
}
function sameProperty(store, list) {
  if (!store.property) return false;
  return list.some((e) => e.property === store.property && (e.object === store.object || e.object === "this" || store.object === "this"));
}
function ignoredLines(comments) {
  const lines = /* @__PURE__ */ new Map();
  for (const comment of comments ?? []) {
    const match = /snapshot-restore-ignore\b(.*)/.exec(comment.value);
    if (!match || !comment.loc) continue;
    const codes = new Set(match[1].match(/SR\d{3}/g) ?? []);
    for (const line of [comment.loc.end.line, comment.loc.end.line + 1]) {
      const existing = lines.get(line);
      if (existing && (existing.size === 0 || codes.size === 0)) lines.set(line, /* @__PURE__ */ new Set());
      else lines.set(line, /* @__PURE__ */ new Set([...existing ?? [], ...codes]));
    }
  }
  return lines;
}
function short(text, callee) {
  return text.length <= 60 ? text : `${callee}(...)`;
}
function lintUniqueness(source, file, options = {}) {
  const parsed = parseSource(source, file);
  if (!parsed.ok) return [];
  let program;
  traverse(parsed.ast, {
    Program(p) {
      program = p;
      p.stop();
    }
  });
  if (!program) return [];
  const lines = source.split(/\r\n|\r|\n/);
  const ignored = ignoredLines(parsed.ast.comments);
  const handler = findHandler(program, options.handler ?? "handler", options.defaultExportIsHandler ?? false);
  const classifier = new Classifier(handler, options.decorators ?? "tc39");
  const effects = hookEffects(program, file, options, source);
  const findings = [];
  const phaseOf = (p) => {
    for (let fn2 = p.getFunctionParent(); fn2; fn2 = fn2.parentPath?.getFunctionParent() ?? null) {
      if (effects.beforeSnapshot.has(fn2.node)) return "before-snapshot";
    }
    const fn = p.getFunctionParent();
    const call = fn?.parentPath;
    if (call?.isCallExpression() && call.node.arguments.includes(fn.node) && callsAtOnce(call)) return phaseOf(call);
    return classifier.position(p).when === "init" ? "init" : void 0;
  };
  const report = (code, node, message, suggestion) => {
    const location = locationOf(node, file, lines);
    const silenced = ignored.get(location.line);
    if (silenced && (silenced.size === 0 || silenced.has(code))) return;
    findings.push({ code, message, location, suggestion, notes: [] });
  };
  const check = (p, construct) => {
    const calleePath = p.get("callee");
    const raw = nameOf(calleePath);
    if (!raw) return;
    const canonical = canonicalName(raw);
    const rule9 = construct ? ruleForConstruct(canonical) : ruleForCall(canonical);
    if (!rule9) return;
    const args = p.node.arguments;
    const condition = rule9.match.when?.[canonical];
    if (condition && !holds(condition, p)) return;
    if (rule9.id === "SR106" && resolvesAwaitedPromise(p)) return;
    const phase = phaseOf(p);
    if (!phase) return;
    const entropyCache = rule9.id === "SR102" && !hasTrueOption(args[0], "disableEntropyCache");
    const fill2 = rule9.match.fills?.includes(canonical) ? fillTarget(p) : void 0;
    const store = fill2 ?? (raw.includes("().") ? receiverStore(calleePath) : void 0) ?? storeOf(p, source);
    if ((rule9.match.needsStore || rule9.id === "SR102" && !entropyCache) && !store.kept) return;
    const renewed = store.binding && effects.renewedBindings.has(store.binding) || sameProperty(store, effects.renewedProperties) || store.text?.startsWith("this.") && madeByRenewedInstance(p, effects.renewedClasses);
    if (renewed) return;
    if ((rule9.id === "SR106" || rule9.id === "SR107") && (store.binding && effects.touchedBindings.has(store.binding) || sameProperty(store, effects.touchedProperties))) {
      return;
    }
    if (rule9.id === "SR107" && store.binding) reportedClients.add(store.binding);
    const callText = short(textOf(p.node, source), textOf(p.node.callee, source));
    const valueText = store.value && store.value !== p.node ? textOf(store.value, source) : void 0;
    const value = valueText && valueText.length <= 80 && !/\bawait\b/.test(valueText) ? valueText : void 0;
    const { message, suggestion } = rule9.describe({
      call: callText,
      phase,
      ...store.text ? { kept: store.text } : {},
      ...store.binding ? { declaration: declarationOf(store.binding) } : {},
      canonical,
      entropyCache,
      ...fill2 ? { via: "fill" } : {},
      ...value ? { value } : {}
    });
    report(rule9.id, p.node, message, suggestion);
  };
  const reportedClients = /* @__PURE__ */ new Set();
  const credential = (node, variable) => {
    const { message, suggestion } = ruleOf("SR108").describe({ call: "", phase: "init", canonical: "process.env", entropyCache: false, variable });
    report("SR108", node, message, suggestion);
  };
  program.traverse({
    CallExpression(p) {
      check(p, false);
    },
    OptionalCallExpression(p) {
      check(p, false);
    },
    NewExpression(p) {
      check(p, true);
    },
    MemberExpression(p) {
      const variable = propertyName(p.node);
      if (!variable || !CREDENTIAL_VARIABLES.has(variable)) return;
      if (p.parentPath.isAssignmentExpression() && p.parentPath.node.left === p.node) return;
      if (canonicalName(nameOf(p.get("object")) ?? "") === "process.env") credential(p.node, variable);
    },
    VariableDeclarator(p) {
      const id = p.node.id;
      if (id.type !== "ObjectPattern" || !p.node.init) return;
      if (canonicalName(nameOf(p.get("init")) ?? "") !== "process.env") return;
      for (const prop of id.properties) {
        if (prop.type !== "ObjectProperty") continue;
        const key = prop.computed ? stringValue(prop.key) : keyName(prop.key);
        if (key && CREDENTIAL_VARIABLES.has(key)) credential(prop, key);
      }
    }
  });
  credentialsAtInit({
    program,
    phaseOf,
    keptAt: (p) => {
      const store = storeOf(p, source);
      const renewed = store.binding && effects.renewedBindings.has(store.binding) || sameProperty(store, effects.renewedProperties);
      return { kept: store.kept, renewed: !!renewed, ...store.text ? { name: store.text } : {}, ...store.binding ? { binding: store.binding } : {} };
    },
    report: (p, kept, binding, what) => {
      const phase = phaseOf(p);
      if (!phase) return;
      const { message, suggestion } = ruleOf("SR108").describe({
        call: short(textOf(p.node, source), textOf(p.node.callee, source)),
        phase,
        ...kept ? { kept } : {},
        ...binding ? { declaration: declarationOf(binding) } : {},
        canonical: "credentials",
        entropyCache: false,
        resolved: what
      });
      report("SR108", p.node, message, suggestion);
    }
  });
  initWork({
    program,
    file,
    phaseOf,
    touched: (binding) => effects.touchedBindings.has(binding) || effects.renewedBindings.has(binding),
    reported: reportedClients,
    report: (code, p, client, how) => {
      const phase = phaseOf(p);
      if (!phase) return;
      if (code !== "SR107") {
        const { message: message2, suggestion: suggestion2 } = ruleOf(code).describe({
          call: short(textOf(p.node, source), textOf(p.node.callee, source)),
          phase,
          kept: client.name,
          declaration: declarationOf(client.binding),
          canonical: client.made,
          entropyCache: false
        });
        report(code, p.node, message2, suggestion2);
        return;
      }
      const receiver = p.isCallExpression() ? p.node.callee : p.isTaggedTemplateExpression() ? p.node.tag : void 0;
      const method = receiver?.type === "MemberExpression" ? propertyName(receiver) : void 0;
      const canonical = how === "awaited" ? `${client.made}().${method ?? "query"}` : client.made;
      const { message, suggestion } = ruleOf("SR107").describe({
        call: short(textOf(p.node, source), textOf(receiver ?? p.node, source)),
        phase,
        kept: client.name,
        declaration: declarationOf(client.binding),
        canonical,
        entropyCache: false
      });
      report("SR107", p.node, message, suggestion);
    }
  });
  return findings.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}
function declarationOf(binding) {
  return binding.kind === "const" || binding.kind === "let" || binding.kind === "var" ? binding.kind : "other";
}
function hasTrueOption(arg, name2) {
  if (arg?.type !== "ObjectExpression") return false;
  return arg.properties.some((prop) => prop.type === "ObjectProperty" && !prop.computed && keyName(prop.key) === name2 && prop.value.type === "BooleanLiteral" && prop.value.value);
}
function holds(condition, p) {
  const args = p.node.arguments.map((arg) => literalOf(p, arg));
  if (condition.noArguments && args.length > 0) return false;
  if (condition.withArguments && args.length === 0) return false;
  if (condition.withOption && !args.some((arg) => optionOf(arg, condition.withOption) !== void 0)) return false;
  if (condition.unlessOption && args.some((arg) => hasTrueOption(arg, condition.unlessOption))) return false;
  if (condition.awaited) {
    let parent = p.parentPath;
    while (parent && (parent.isTSAsExpression() || parent.isParenthesizedExpression() || parent.isTSNonNullExpression())) parent = parent.parentPath;
    const thenCall = parent?.isMemberExpression() && propertyName(parent.node) === "then";
    if (!parent?.isAwaitExpression() && !thenCall) return false;
  }
  if (condition.keepAliveAgent) {
    const agent = args.map((arg) => optionOf(arg, "agent")).find((value) => value !== void 0);
    if (agent && !keepsAlive(p, agent, condition.keepAliveAgent)) return false;
  }
  return true;
}
function literalOf(p, arg) {
  if (arg.type !== "Identifier") return arg;
  const binding = p.scope.getBinding(arg.name);
  const decl = binding?.path;
  if (!binding?.constant || !decl?.isVariableDeclarator()) return arg;
  const init = decl.node.init;
  return init?.type === "ObjectExpression" ? init : arg;
}
function keepsAlive(p, agent, agents) {
  if (agent.type !== "Identifier") return false;
  const decl = p.scope.getBinding(agent.name)?.path;
  if (!decl?.isVariableDeclarator()) return false;
  const init = unwrap2(decl.get("init"));
  if (!init.isNewExpression()) return false;
  const kind = agents[canonicalName(nameOf(init.get("callee")) ?? "")];
  return kind === "always" || kind === "option" && hasTrueOption(init.node.arguments[0], "keepAlive");
}
function optionOf(arg, name2) {
  if (arg?.type !== "ObjectExpression") return void 0;
  for (const prop of arg.properties) {
    if (prop.type === "ObjectProperty" && !prop.computed && keyName(prop.key) === name2) return prop.value;
  }
  return void 0;
}
function resolvesAwaitedPromise(p) {
  const fn = p.getFunctionParent();
  const promise = fn?.parentPath;
  if (!promise?.isNewExpression() || promise.node.arguments[0] !== fn.node) return false;
  const callee = promise.node.callee;
  if (callee.type !== "Identifier" || callee.name !== "Promise" || promise.scope.getBinding("Promise")) return false;
  let parent = promise.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression())) parent = parent.parentPath;
  return !!parent?.isAwaitExpression();
}
function fillTarget(p) {
  const arg = p.node.arguments[0];
  if (arg?.type === "Identifier") {
    const binding = p.scope.getBinding(arg.name);
    return binding ? { kept: true, text: arg.name, binding } : void 0;
  }
  if (arg?.type === "MemberExpression") {
    const property = propertyName(arg);
    let root = arg.object;
    while (root.type === "MemberExpression") root = root.object;
    const binding = root.type === "Identifier" ? p.scope.getBinding(root.name) : void 0;
    return { kept: true, ...binding ? { binding } : {}, ...property ? { property } : {} };
  }
  return void 0;
}
function receiverStore(callee) {
  const method = unwrap2(callee);
  if (!method.isMemberExpression()) return void 0;
  const object = unwrap2(method.get("object"));
  if (!object.isIdentifier()) return void 0;
  return { kept: true, text: object.node.name, binding: object.scope.getBinding(object.node.name) };
}
var FILLS = new Set(UNIQUENESS_RULES.flatMap((rule9) => rule9.match.fills ?? []));
function methodOf2(p) {
  const callee = p.node.callee;
  if (callee.type !== "MemberExpression") return void 0;
  const key = callee.property;
  const name2 = key.type === "PrivateName" ? `#${key.id.name}` : !callee.computed && key.type === "Identifier" ? key.name : void 0;
  if (!name2) return void 0;
  let owner;
  if (callee.object.type === "Identifier") {
    const decl = p.scope.getBinding(callee.object.name)?.path;
    owner = decl?.isClass() ? decl : void 0;
  } else if (callee.object.type === "ThisExpression" || key.type === "PrivateName") {
    owner = p.findParent((parent) => parent.isClass());
  }
  if (!owner) return void 0;
  const body = owner.get("body").get("body");
  return body.find((member) => {
    const node = member.node;
    if (node.type === "ClassPrivateMethod") return `#${node.key.id.name}` === name2;
    return node.type === "ClassMethod" && node.kind === "method" && keyName(node.key) === name2;
  });
}
function memberName(member) {
  return member.property.type === "PrivateName" ? `#${member.property.id.name}` : propertyName(member);
}

// ../../../tmp/cred-try.ts
var src = `import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { registerAfterRestore } from 'snapshot-restore';
const sts = new STSClient({});
const sm = new SecretsManagerClient({});
export const creds = await fromNodeProviderChain()();
const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: 'x', RoleSessionName: 'y' }));
let dbSecret = await sm.send(new GetSecretValueCommand({ SecretId: 'db' }));
registerAfterRestore(async () => { dbSecret = await sm.send(new GetSecretValueCommand({ SecretId: 'db' })); });
export const apiKey = await getSecret('api-key');
await getSecret('warm');
const token = await fetchApiToken();
async function fetchApiToken() { return 'x'; }
const cfg = await loadConfig();
async function loadConfig() { return {}; }
export const handler = async () => { const c = await fromNodeProviderChain()(); return [creds, Credentials, dbSecret, apiKey, token, cfg, c]; };
`;
for (const f of lintUniqueness(src, "/src/handler.ts", {})) console.log(f.location?.line, f.code, f.message.slice(0, 150), "|", f.suggestion?.slice(0, 100));
