// agenda 5.0.0 (mongodb 4): the constructor with `db.address` calls this.database() → MongoClient.connect
// (dist/agenda/database.js); define() only records a definition; start() waits for the connection and arms
// `setInterval(processJobs, processEvery)` (dist/agenda/start.js:34); stop() clears it (stop.js) and unlocks jobs;
// every()/now() save a job document (a query on the open client). A client passed in as `mongo` is the caller's.
import { Agenda } from 'agenda';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const address = process.env.AGENDA_MONGO ?? 'mongodb://mongo.internal:27017/jobs';
const onConnect = (error) => {
  if (error) console.error('agenda connection failed', error.message);
};

const agenda = new Agenda({ db: { address, collection: 'jobs' }, processEvery: '30 seconds' }, onConnect); // expect: SR107 (database() → MongoClient.connect in the constructor: the connection is open at the snapshot)
agenda.define('delete old users', async () => {}); // expect: none (a definition: no I/O, no timer)

(async function () {
  await agenda.start(); // expect: SR106 (start() arms setInterval(processJobs, 30 s) at init, in this immediately invoked function)
  await agenda.every('3 minutes', 'delete old users'); // expect: none (a job saved on the client already reported)
})();

const mailer = new Agenda({ db: { address, collection: 'mail' } }, onConnect); // expect: none (stopped and closed before the snapshot, made again after the restore)
mailer.define('send digest', async () => {});
registerBeforeSnapshot(async () => {
  await mailer.stop();
  await mailer.close();
});
registerAfterRestore(() => {
  mailer.database(address, 'mail', {}, onConnect);
});

export const handler = async (event) => {
  const reports = new Agenda({ db: { address, collection: 'reports' } }, onConnect); // expect: none (made in the handler)
  await reports.now('build report', event); // expect: none (in the handler)
  return { ok: true };
};
