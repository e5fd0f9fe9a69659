// Shape: CommonJS getters in lib/getters.cjs, read at init (work labelled inside the getters) and in the handler.
const lib = require('./lib/getters.cjs');

const users = lib.db.get('users'); // expect: none (a Collection of the client the getter opened: reported in the getter)
const secret = lib.signingSecret; // expect: none (the draw is reported inside the getter)
const { region, sessionToken } = lib.config; // expect: none (the getters' reads are reported inside them)

module.exports.handler = async (event) => {
  const metrics = lib.metrics;
  metrics.putMetric('Orders', 1);
  const old = await lib.archive.get('orders').count({});
  await users.insert({ ...event, region, sig: secret.slice(0, 4) });
  await metrics.flush();
  return { old, t: !!sessionToken };
};
