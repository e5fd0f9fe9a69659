// stompit 1.0 (CommonJS, as in its README): stompit.connect() opens a net/tls socket at once.
const stompit = require('stompit');

const connectOptions = { host: process.env.STOMP_HOST || 'mq.internal', port: 61613, connectHeaders: { host: '/', login: 'app', passcode: 'local-only' } };

let client;
stompit.connect(connectOptions, (error, c) => { // expect: SR107 (lib/connect.js: net.connect()/tls.connect() runs inside connect(); the STOMP session is open at the snapshot)
  if (!error) client = c;
});

const servers = new stompit.ConnectFailover([connectOptions], { maxReconnects: 3 }); // expect: none (lib/ConnectFailover.js: a list of servers; connect() is called in the handler)

exports.handler = async (event) => {
  if (client) {
    const frame = client.send({ destination: '/queue/jobs' }); // expect: none (in the handler)
    frame.end(JSON.stringify(event));
  }
  return { failover: typeof servers.connect };
};
