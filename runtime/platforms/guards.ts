// What a hook path accepts: the method the platform uses (POST), the caller it documents where that
// can be told (the web adapter talks to the app on loopback), and only while the platform that
// sends it is the one running this process. Anything else is refused with one line saying why,
// and runs nothing.

/** An answer before it becomes a fetch Response (or is written straight to Node's response). */
export interface HookAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function refusal(status: number, reason: string, headers: Record<string, string> = {}): HookAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: `snapshot-restore: ${reason}\n` };
}

export function wrongMethod(method: string, pathname: string): HookAnswer | undefined {
  if (method === 'POST') return undefined;
  return refusal(405, `${pathname} is a lifecycle hook: only POST is accepted, not ${method}; nothing ran`, { allow: 'POST' });
}

/** IPv4 127/8, ::1, and IPv4-mapped loopback. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

/** The web adapter connects to AWS_LWA_HOST (127.0.0.1 by default): from elsewhere, the caller is not the adapter. */
export function notFromAdapter(remoteAddress: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (remoteAddress === undefined) return undefined; // the adapter (framework) could not tell: nothing to check
  const host = env.AWS_LWA_HOST ?? '127.0.0.1';
  if (!isLoopback(host) && host !== 'localhost') return undefined;
  return isLoopback(remoteAddress) ? undefined : `the web adapter calls its hooks over loopback, and this request came from ${remoteAddress}; nothing ran`;
}
