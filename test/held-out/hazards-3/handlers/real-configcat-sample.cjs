// Rewritten from configcat/node-sdk, samples/console/index.js at 918c2831dea276400862ed764c2a60eeea4da227.
// Changed: the async IIFE becomes module scope plus a Lambda handler; the SDK key is a made-up key of the same shape;
// dispose() at the end of the sample is dropped (a function keeps its client), the second lookup moves to the handler.
// configcat-node 11.4.1: AutoPoll starts its refresh worker in the AutoPollConfigService constructor (fetch + polling).
var configcat = require('configcat-node');

const logger = configcat.createConsoleLogger(configcat.LogLevel.Info); // expect: none (a logger object)
const configCatClient = configcat.getClient('KKKKKKKKKKKKKKKKKKKKKK/LLLLLLLLLLLLLLLLLLLLLL', configcat.PollingMode.AutoPoll, { pollIntervalSeconds: 2, logger: logger }); // expect: SR107 (AutoPoll: the config fetch at init and its 2 s polling loop, a keep-alive socket at the snapshot)

const ready = configCatClient.getValueAsync('isAwesomeFeatureEnabled', false).then((value) => { // expect: none (on the client already reported)
  console.log('isAwesomeFeatureEnabled: ' + value);
  return value;
});

exports.handler = async (event) => {
  const userObject = new configcat.User(event.userId || '#SOME-USER-ID#', 'configcat@example.com'); // expect: none (in the handler)
  const value2 = await configCatClient.getValueAsync('isPOCFeatureEnabled', false, userObject);
  return { awesome: await ready, poc: value2 };
};
