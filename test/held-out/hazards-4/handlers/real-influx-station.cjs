// Rewritten from filecoin-station/desktop, main/telemetry.js @ 00ac2ce1f64f3607d46a29026098f33769101d0b. Changed: the
// hard-coded cloud URL and write token → environment variables; wallet/station-config/Sentry helpers → environment
// values and console.error; setup() is called at module scope and a Lambda handler was added (in the app, main calls
// setup() at start-up). @influxdata/influxdb-client 1.35.0: getWriteApi() arms nothing; writePoint() arms the 60 s
// flush timer on the first line (dist/index.js scheduleSend); flush() clears it and POSTs through Node's global agent.
const { InfluxDB, Point } = require('@influxdata/influxdb-client');
const { createHash } = require('node:crypto');
const { platform, arch } = require('node:os');

const client = new InfluxDB({ // expect: none (a transport: no socket yet)
  url: process.env.INFLUX_URL || 'http://influx.internal:8086',
  token: process.env.INFLUX_WRITE_TOKEN || 'station-anonymous-write',
});

const writeClient = client.getWriteApi( // expect: none (a write API: nothing armed until a line is added)
  'Filecoin Station', // org
  'station', // bucket
  'ns' // precision
);

function setup() {
  setInterval(() => { // expect: SR106 (setup() is called at init: a 10 s interval armed then, only unref'd)
    const point = new Point('ping');
    point.stringField('wallet', createHash('sha256').update(process.env.WALLET_ADDRESS || 'f1dev').digest('hex'));
    const destinationWalletAddress = process.env.DESTINATION_WALLET;
    if (destinationWalletAddress) {
      point.stringField('destination_wallet', createHash('sha256').update(destinationWalletAddress).digest('hex'));
    }
    point.stringField('version', process.env.APP_VERSION || '0.0.0');
    point.tag('station', 'desktop');
    point.tag('platform', platform());
    point.tag('arch', arch());
    writeClient.writePoint(point);

    writeClient.flush().catch((err) => {
      // Ignore unactionable InfluxDB errors
      const reg = /HttpError|getAddrInfo|RequestTimedOutError|ECONNRESET|CERT_NOT_YET_VALID/i;
      if (!reg.test(String(err))) {
        console.error(err);
      }
    });
  }, 10_000).unref();
}

setup();

module.exports = { setup };
module.exports.handler = async (event) => {
  writeClient.writePoint(new Point('job').tag('station', 'lambda').intField('count', event.count || 1)); // expect: none (in the handler)
  await writeClient.flush();
  return { ok: true };
};
