// postmark 5.1.0: new ServerClient() stores the token; requests go through the global fetch (dist/client/HttpClient.js:87
// `fetch(input, init)`, undici's keep-alive pool). flagsmith-nodejs 8.1.2 (build/cjs/sdk/index.js): with
// enableLocalEvaluation the constructor makes an EnvironmentDataPollingManager and calls start(), which arms
// `setInterval(updateEnvironment, environmentRefreshIntervalSeconds * 1000)` (polling_manager.js:18); close() stops it;
// with remote evaluation the constructor arms nothing and getEnvironmentFlags() fetches (global fetch). With
// enableAnalytics the AnalyticsProcessor keeps `lastFlushed = Date.now()` (analytics.js:31), only to space flushes.
const postmark = require('postmark');
const { Flagsmith } = require('flagsmith-nodejs');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const mail = new postmark.ServerClient(process.env.POSTMARK_SERVER_TOKEN || 'pm-dev'); // expect: none (stores the token)
let senderSignature;
mail.getServer().then((s) => { senderSignature = s.Name; }).catch(() => {}); // expect: SR107 (a request at init through the global fetch, left pooled at the snapshot)

const apiUrl = process.env.FLAGSMITH_API_URL || 'http://flagsmith.internal/api/v1/';
const local = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY || 'ser.dev', apiUrl, enableLocalEvaluation: true, environmentRefreshIntervalSeconds: 30 }); // expect: SR106 (local evaluation: the constructor starts the polling setInterval at init)
const remote = new Flagsmith({ environmentKey: process.env.FLAGSMITH_KEY || 'env-dev', apiUrl, enableAnalytics: true }); // expect: none (remote evaluation: nothing armed; the analytics clock only spaces flushes)
const bootFlags = remote.getEnvironmentFlags().catch(() => undefined); // expect: SR107 (a request at init through the global fetch)

let pricing = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY || 'ser.dev', apiUrl, enableLocalEvaluation: true }); // expect: none (closed before the snapshot, made again after the restore)
registerBeforeSnapshot(() => pricing.close());
registerAfterRestore(() => {
  pricing = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY || 'ser.dev', apiUrl, enableLocalEvaluation: true });
});

module.exports.handler = async (event) => {
  const flags = await local.getIdentityFlags(event.userId); // expect: none (in the handler)
  const boot = await bootFlags;
  const price = await pricing.getEnvironmentFlags();
  await mail.sendEmail({ From: 'noreply@acme.test', To: event.email, Subject: 'Order', TextBody: String(senderSignature) }); // expect: none (in the handler)
  return { beta: flags.isFeatureEnabled('beta'), boot: !!boot, p: !!price };
};
