// A default-export factory (the shape of many `createServices()` modules): shape-default-factory.mjs calls it at init;
// `createRequestServices` is only called from the handler.
import PgBoss from 'pg-boss';
import configcat from 'configcat-node';
import generator from 'generate-password';
import { Temporal } from 'temporal-polyfill';

export default function makeServices({ jobsUrl, configKey }) {
  const boss = new PgBoss(jobsUrl); // expect: none (constructor only: nothing opened until start())
  const flags = configcat.getClient(configKey, configcat.PollingMode.AutoPoll); // expect: SR107 (makeServices() runs at init: AutoPoll fetches at once and keeps polling)
  const internalPassword = generator.generate({ length: 20, numbers: true }); // expect: SR103 (drawn at init and kept in the returned services)
  const builtAt = Temporal.Now.instant(); // expect: SR105 (kept in the returned services)
  return { boss, flags, internalPassword, builtAt };
}

export function createRequestServices() {
  return { at: Temporal.Now.instant(), pwd: generator.generate({ length: 12 }) }; // expect: none (only called from the handler)
}
