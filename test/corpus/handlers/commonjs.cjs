// Held-out: the same libraries from CommonJS, as many Lambda handlers still are.
const { Pool } = require('pg');
const Redis = require('ioredis');
const moment = require('moment');
const jwt = require('jsonwebtoken');
const { ulid } = require('ulid');

const pool = new Pool(); // expect: none (pg-pool: the constructor opens nothing)
const redis = new Redis(process.env.REDIS_URL); // expect: SR107 (ioredis connects in the constructor)
const lazy = new Redis(process.env.REDIS_URL, { lazyConnect: true }); // expect: none (lazyConnect)
const startedAt = moment(); // expect: SR105 (moment() is now)
const bootId = ulid(); // expect: SR104 (an ID at init)
const token = jwt.sign({ sub: 'svc' }, process.env.JWT_SECRET, { expiresIn: 60 }); // expect: SR105 (exp from the clock at init)

exports.handler = async () => ({
  rows: (await pool.query('select 1')).rows, // expect: none (in the handler)
  bootId,
  token,
  startedAt: startedAt.toISOString(),
  cached: [await redis.get('k'), await lazy.get('k')],
});
