// Rewritten from theburningmonk/appsyncmasterclass-backend, lib/algolia.js @ 30f21a0cbf5679dc9c1ee58e54eb411a9253a74b.
// Changed: algoliasearch v4's client.initIndex(name) + index.setSettings(settings) → v5's
// client.setSettings({ indexName, indexSettings }) (v5 has no index objects; the cached value is now the client and
// index name). The lazy `if (!usersIndex)` cache is the original's.
const { algoliasearch } = require('algoliasearch');

let usersIndex, tweetsIndex;

const initUsersIndex = async (appId, key, stage) => {
  if (!usersIndex) {
    const client = algoliasearch(appId, key); // expect: none (lazy: only the handler calls initUsersIndex)
    usersIndex = { client, indexName: `users_${stage}` };
    await client.setSettings({ indexName: usersIndex.indexName, indexSettings: { searchableAttributes: ['name', 'screenName', 'bio'] } }); // expect: none (runs on the first invoke)
  }
  return usersIndex;
};

const initTweetsIndex = async (appId, key, stage) => {
  if (!tweetsIndex) {
    const client = algoliasearch(appId, key);
    tweetsIndex = { client, indexName: `tweets_${stage}` };
    await client.setSettings({ indexName: tweetsIndex.indexName, indexSettings: { attributesForFaceting: ['hashTags'], searchableAttributes: ['text'], customRanking: ['desc(createdAt)'] } });
  }
  return tweetsIndex;
};

module.exports = { initUsersIndex, initTweetsIndex };
