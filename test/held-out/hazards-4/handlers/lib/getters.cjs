// CommonJS exports defined as getters (Object.defineProperty and object-literal `get`). A getter's body runs when it is
// read: the entry reads some at init, some only in the handler. monk: monk(url) → MongoClient.connect in the Manager
// constructor (lib/manager.js); rand-token: generate() draws crypto bytes; aws-embedded-metrics:
// createMetricsLogger() fixes its context timestamp at Date.now() (lib/logger/MetricsContext.js:53-68).
const monk = require('monk');
const randtoken = require('rand-token');
const { createMetricsLogger } = require('aws-embedded-metrics');

let db;
let archive;
let signingSecret;

Object.defineProperty(module.exports, 'db', {
  enumerable: true,
  get() {
    if (!db) db = monk(process.env.MONGO_URL || 'mongo.internal:27017/app'); // expect: SR107 (the entry reads .db at init: the getter connects then)
    return db;
  },
});

Object.defineProperty(module.exports, 'archive', {
  enumerable: true,
  get() {
    if (!archive) archive = monk(process.env.ARCHIVE_URL || 'mongo.internal:27017/archive'); // expect: none (read only in the handler)
    return archive;
  },
});

Object.defineProperties(module.exports, {
  signingSecret: {
    get() {
      return (signingSecret ||= randtoken.generate(40)); // expect: SR103 (read at init by the entry: the secret is drawn and cached)
    },
  },
  metrics: {
    get: () => createMetricsLogger(), // expect: none (a new logger on every read; the entry reads it only in the handler)
  },
});

module.exports.config = {
  get region() {
    return process.env.AWS_REGION || 'eu-west-1'; // expect: none (a function setting)
  },
  get sessionToken() {
    return process.env.AWS_SESSION_TOKEN; // expect: SR108 (the entry reads it: unset under SnapStart)
  },
};
