// @supabase/supabase-js 2.109.0 with @supabase/auth-js: createClient() builds a GoTrueClient whose constructor calls
// initialize() (auth-js dist/main/GoTrueClient.js:266-272, unless skipAutoInitialize); _initialize() ends in
// _handleVisibilityChange(), which outside a browser calls startAutoRefresh() when autoRefreshToken is on (the default):
// `setInterval(_autoRefreshTokenTick, AUTO_REFRESH_TICK_DURATION_MS)` (GoTrueClient.js:4313, unref'd but armed).
// stopAutoRefresh() clears it. Queries (postgrest) go through the global fetch (undici's keep-alive pool).
import { createClient } from '@supabase/supabase-js';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const url = process.env.SUPABASE_URL ?? 'http://supabase.internal:54321';
const anonKey = process.env.SUPABASE_ANON_KEY ?? 'anon-key';
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY ?? 'service-key';

export const supabase = createClient(url, anonKey); // expect: SR106 (the auth client's auto-refresh setInterval is armed at init: GoTrueClient.startAutoRefresh)

const admin = createClient(url, serviceKey, { auth: { autoRefreshToken: false, persistSession: false } }); // expect: none (autoRefreshToken false: no ticker; no request)
const plans = await admin.from('plans').select('id, name').limit(50); // expect: SR107 (a query at init through the global fetch: the keep-alive socket stays pooled)
const planNames = (plans.data ?? []).map((p: { name: string }) => p.name);

const worker = createClient(url, anonKey); // expect: none (the ticker is stopped before the snapshot and started again after the restore)
registerBeforeSnapshot(() => worker.auth.stopAutoRefresh());
registerAfterRestore(() => worker.auth.startAutoRefresh());

const lazyAdmin = () => createClient(url, serviceKey, { auth: { persistSession: false } }); // expect: none (a factory called only in the handler)

export const handler = async (event: { id: string }) => {
  const client = lazyAdmin();
  const { data } = await client.from('orders').select('*').eq('id', event.id); // expect: none (in the handler)
  const me = await supabase.auth.getUser();
  return { data, plans: planNames, me: !!me, w: !!worker };
};
