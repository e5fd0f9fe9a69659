// google-auth-library 10.9: GoogleAuth resolves a client lazily; getAccessToken() fetches an OAuth token (1 h lifetime).
import { GoogleAuth, JWT } from 'google-auth-library';
import { registerAfterRestore } from 'snapshot-restore';

const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }); // expect: none (build/src/auth/googleauth.js: options only; credentials are found on first use)
export const accessToken = await auth.getAccessToken().catch(() => null); // expect: SR108 SR107 (googleauth.js getAccessToken(): an OAuth access token resolved once at init and kept: it expires an hour later, long before most restores; and the token request goes through gaxios' fetch, whose keep-alive socket is open at the snapshot)

const jwt = new JWT({ email: process.env.GCP_SA_EMAIL ?? 'sa@example.iam.gserviceaccount.com', key: process.env.GCP_SA_KEY ?? 'local-only', scopes: ['https://www.googleapis.com/auth/drive'] }); // expect: none (a client that fetches and refreshes its own tokens per request)

let sheetsToken = await jwt.authorize().catch(() => null); // expect: none (renewed after each restore by the hook below)
registerAfterRestore(async () => {
  sheetsToken = await jwt.authorize().catch(() => null);
});

export const handler = async () => {
  const client = await auth.getClient().catch(() => null); // expect: none (in the handler)
  return { accessToken, sheets: !!sheetsToken, client: !!client };
};
