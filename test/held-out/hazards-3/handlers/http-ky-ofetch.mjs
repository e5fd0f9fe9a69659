// ky 1.14.3 and ofetch 1.5.1 both call the global fetch (ky: distribution/core/Ky.js `options.fetch ?? globalThis.fetch`;
// ofetch: dist/node.mjs `globalThis.fetch ? (...args) => globalThis.fetch(...args)`): a request at init leaves a
// keep-alive socket in undici's global dispatcher. ky.create / ofetch.create only build an instance.
import ky from 'ky';
import { ofetch } from 'ofetch';
import { registerAfterRestore } from 'snapshot-restore';

export const api = ky.create({ prefixUrl: process.env.API_URL ?? 'https://api.internal/v1', timeout: 5000, retry: 2 }); // expect: none (an instance with defaults: no request)
export const settings = await api.get('settings').json().catch(() => ({})); // expect: SR107 (a request at init through globalThis.fetch: its socket stays in the global dispatcher's keep-alive pool)

const $cms = ofetch.create({ baseURL: process.env.CMS_URL ?? 'https://cms.internal', retry: 1 }); // expect: none (ofetch.create: an instance, no request)
const pages = await $cms('/pages', { query: { published: true } }).catch(() => []); // expect: SR107 (a request at init through the global fetch: keep-alive socket at the snapshot)

const extended = api.extend({ headers: { 'x-client': 'lambda' } }); // expect: none (ky.extend: another instance, no request)

let flags = {};
const loadFlags = async () => {
  flags = await ofetch('https://flags.internal/v1/flags').catch(() => ({})); // expect: none (only called from the after-restore hook and the handler)
};
registerAfterRestore(loadFlags);

export const handler = async (event) => {
  const r = await extended.post('events', { json: event }).json().catch(() => null);
  if (!Object.keys(flags).length) await loadFlags();
  return { r, settings, n: Array.isArray(pages) ? pages.length : 0 };
};
