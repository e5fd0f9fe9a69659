// configcat-node 11.4.1 (configcat-common): getClient(key, PollingMode.AutoPoll) makes an AutoPollConfigService whose
// constructor calls startRefreshWorker() (configcat-common/lib/AutoPollConfigService.js:46): a config fetch through
// http(s).request (configcat-node/lib/config-fetcher.js) and a polling loop of timers. LazyLoad and ManualPoll fetch
// nothing until asked (LazyLoadConfigService, ManualPollConfigService).
const configcat = require('configcat-node');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const auto = configcat.getClient('AAAAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBBBB', configcat.PollingMode.AutoPoll, { pollIntervalSeconds: 60 }); // expect: SR107 (AutoPollConfigService constructor → startRefreshWorker: a fetch at init and the polling timer that belongs to it)

const lazy = configcat.getClient('CCCCCCCCCCCCCCCCCCCCCC/DDDDDDDDDDDDDDDDDDDDDD', configcat.PollingMode.LazyLoad, { cacheTimeToLiveSeconds: 120 }); // expect: none (LazyLoad: fetched on the first getValueAsync, in the handler)

const manual = configcat.getClient('EEEEEEEEEEEEEEEEEEEEEE/FFFFFFFFFFFFFFFFFFFFFF', configcat.PollingMode.ManualPoll); // expect: none (ManualPoll: nothing until forceRefreshAsync)
const warmed = manual.forceRefreshAsync(); // expect: SR107 (forceRefreshAsync at init: the config fetch leaves its socket open at the snapshot)

let polled = configcat.getClient('GGGGGGGGGGGGGGGGGGGGGG/HHHHHHHHHHHHHHHHHHHHHH', configcat.PollingMode.AutoPoll); // expect: none (disposed before the snapshot and made again after the restore)
registerBeforeSnapshot(() => polled.dispose());
registerAfterRestore(() => {
  polled = configcat.getClient('GGGGGGGGGGGGGGGGGGGGGG/HHHHHHHHHHHHHHHHHHHHHH', configcat.PollingMode.AutoPoll);
});

const user = new configcat.User('#anonymous#'); // expect: none (a user object)

exports.handler = async (event) => {
  await warmed.catch(() => undefined);
  const [a, b, c, d] = await Promise.all([
    auto.getValueAsync('newCheckout', false, user),
    lazy.getValueAsync('banner', 'none'),
    manual.getValueAsync('limit', 10),
    polled.getValueAsync('beta', false, new configcat.User(event.userId)),
  ]);
  return { a, b, c, d };
};
