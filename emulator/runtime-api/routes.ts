/** The Runtime API routes the emulator serves. */
export type RouteName = 'invocation-next' | 'invocation-response' | 'invocation-error' | 'init-error' | 'restore-next' | 'restore-error' | 'credentials';

export const RUNTIME_API_BASE = '/2018-06-01';
export const CREDENTIALS_PATH = '/2021-04-23/credentials';

export type RouteMatch = { kind: 'found'; name: RouteName; requestId?: string } | { kind: 'not-found' } | { kind: 'wrong-method'; allow: string };

interface RouteSpec {
  name: RouteName;
  method: 'GET' | 'POST';
  pattern: RegExp;
  snapStartOnly: boolean;
}

const ROUTES: readonly RouteSpec[] = [
  { name: 'invocation-next', method: 'GET', pattern: /^\/2018-06-01\/runtime\/invocation\/next$/, snapStartOnly: false },
  { name: 'invocation-response', method: 'POST', pattern: /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/response$/, snapStartOnly: false },
  { name: 'invocation-error', method: 'POST', pattern: /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/error$/, snapStartOnly: false },
  { name: 'init-error', method: 'POST', pattern: /^\/2018-06-01\/runtime\/init\/error$/, snapStartOnly: false },
  // The restore routes only exist for SnapStart functions: elsewhere Lambda answers 404.
  { name: 'restore-next', method: 'GET', pattern: /^\/2018-06-01\/runtime\/restore\/next$/, snapStartOnly: true },
  { name: 'restore-error', method: 'POST', pattern: /^\/2018-06-01\/runtime\/restore\/error$/, snapStartOnly: true },
  { name: 'credentials', method: 'GET', pattern: /^\/2021-04-23\/credentials$/, snapStartOnly: false },
];

/** Finds the route for a request: a known path with another method is a 405, not a 404. */
export function matchRoute(method: string, pathname: string, snapStart: boolean): RouteMatch {
  for (const route of ROUTES) {
    if (route.snapStartOnly && !snapStart) continue;
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    if (method !== route.method) return { kind: 'wrong-method', allow: route.method };
    const requestId = found[1] === undefined ? undefined : safeDecode(found[1]);
    return requestId === undefined ? { kind: 'found', name: route.name } : { kind: 'found', name: route.name, requestId };
  }
  return { kind: 'not-found' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
