// Shape: module-level Map caches filled at init: values made per key at load are kept in the Map.
import { TZDate } from '@date-fns/tz';
import cryptoRandomString from 'crypto-random-string';
import hat from 'hat';
import { ofetch } from 'ofetch';
import { registerAfterRestore } from 'snapshot-restore';

const tenants = ['acme', 'globex', 'initech'];

const tenantKeys = new Map<string, string>();
for (const t of tenants) tenantKeys.set(t, cryptoRandomString({ length: 32 })); // expect: SR103 (a key per tenant drawn at init and kept in the Map)

const tenantIds = new Map(tenants.map((t) => [t, hat()])); // expect: SR104 (random IDs made at init (map runs the callback at once) and kept)

const loadedAt = new Map<string, Date>();
tenants.forEach((t) => loadedAt.set(t, new TZDate())); // expect: SR105 (forEach runs at init: "now" kept per tenant)

const staticNames = new Map(tenants.map((t) => [t, t.toUpperCase()])); // expect: none (no clock, no randomness)

const remote = new Map<string, unknown>();
await Promise.all(tenants.map(async (t) => remote.set(t, await ofetch(`https://config.internal/tenants/${t}`).catch(() => null)))); // expect: SR107 (requests at init through the global fetch: keep-alive sockets at the snapshot)

const sessionNonces = new Map<string, string>();
const refreshNonces = () => tenants.forEach((t) => sessionNonces.set(t, cryptoRandomString({ length: 12 }))); // expect: none (refilled after each restore by the hook below, the values of init are replaced)
refreshNonces();
registerAfterRestore(refreshNonces);

const perRequest = new Map<string, Date>();

export const handler = async (event: { tenant: string }) => {
  perRequest.set(event.tenant, new TZDate()); // expect: none (in the handler)
  return {
    key: tenantKeys.get(event.tenant)?.length,
    id: tenantIds.get(event.tenant),
    at: loadedAt.get(event.tenant)?.toISOString(),
    name: staticNames.get(event.tenant),
    cfg: remote.get(event.tenant),
    nonce: sessionNonces.get(event.tenant),
  };
};
