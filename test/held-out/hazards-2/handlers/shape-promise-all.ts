// Shape: a top-level await of Promise.all that warms several clients at once.
import { createClient } from '@clickhouse/client';
import { Meilisearch as MeiliSearch } from 'meilisearch';
import { Database } from 'arangojs';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { Instant } from '@js-joda/core';

const ch = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://clickhouse.internal:8123' }); // expect: SR104 (node_base_connection.js: connectionId = crypto.randomUUID(), kept; it fills the UUID entropy cache that the handler's query_ids are drawn from)
const meili = new MeiliSearch({ host: process.env.MEILI_HOST ?? 'http://meili.internal:7700' }); // expect: none (lazy)
const arango = new Database({ url: process.env.ARANGO_URL ?? 'http://arango.internal:8529' }); // expect: none (lazy)
const sm = new SecretsManagerClient({}); // expect: none (an AWS SDK client)

export const [pong, health, version, secret, startedAt] = await Promise.all([
  ch.ping(), // expect: SR107 (keep-alive http.Agent: the socket stays in its pool)
  meili.health(), // expect: SR107 (fetch: the global dispatcher keeps the socket alive)
  arango.version(), // expect: SR107 (fetch through the keep-alive dispatcher)
  sm.send(new GetSecretValueCommand({ SecretId: 'api' })), // expect: SR108 (a secret fetched once at init and kept in the destructured binding)
  Promise.resolve(Instant.now()), // expect: SR105 (Instant.now(): the clock at init, kept)
]);

export const handler = async () => ({ pong, health, version, s: secret.Name, startedAt: startedAt.toString() });
