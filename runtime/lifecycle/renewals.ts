// What the runtime renews by itself at each restore, before the after-restore hooks: what the
// process pooled or cached before the snapshot that a restored copy must not reuse.
// - Keep-alive sockets. Across a snapshot the monotonic clock barely moves, so a socket pooled at
//   init still looks fresh to its pool after the restore although its peer is long gone: the first
//   request on it fails (ECONNRESET, undici's UND_ERR_SOCKET). The sockets of the http/https global
//   agents and of undici's global dispatcher (what global fetch uses) are destroyed, so that the
//   next request opens a new connection. `renewConnections()` does the same for agents the app owns.
// - Node's crypto caches of random bytes (entropy.ts).
import { Socket } from 'node:net';
import { renewEntropyCaches } from './entropy.js';

/** undici's global dispatcher, by the symbols undici itself defines (version 1, and 2 in undici 8). */
const DISPATCHER_KEYS = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];
/** How far and how much of an agent's object graph is searched for sockets. */
const MAX_DEPTH = 12;
const MAX_OBJECTS = 20_000;

export interface Renewal {
  /** Sockets destroyed: connections opened before the snapshot. */
  sockets: number;
  durationMs: number;
}

/** Renews what the process pooled before the snapshot; resolves once the destroyed sockets have closed. */
export async function renewAfterRestore(): Promise<Renewal> {
  const started = performance.now();
  renewEntropyCaches();
  const sockets: Socket[] = [];
  for (const agent of globalAgents()) collectSockets(agent, sockets);
  let replaced = 0;
  for (const key of DISPATCHER_KEYS) {
    // The descriptor, not a read: a getter (undici 8's lazy dispatcher) would create one.
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.value) continue;
    const fresh = descriptor.writable ? replacementOf(descriptor.value) : undefined;
    if (!fresh) {
      collectSockets(descriptor.value, sockets);
      continue;
    }
    // A new Agent for new requests; the old one finishes what is in flight, then closes its sockets.
    (globalThis as Record<symbol, unknown>)[key] = fresh;
    replaced += countSockets(descriptor.value);
    Promise.resolve(descriptor.value.close?.()).catch(() => undefined);
  }
  await destroyAll(sockets);
  return { sockets: sockets.length + replaced, durationMs: performance.now() - started };
}

/**
 * Destroys every socket reachable from `agentOrClient` (an http.Agent, an undici Agent, Pool or
 * Client, an AWS SDK client or its NodeHttpHandler, or any object holding them), so that its next
 * request opens a new connection. Call it in an after-restore hook for the agents your app keeps;
 * resolves with the number of sockets once they have closed. Only own data properties, Maps, Sets
 * and WeakRefs are followed: no getter runs, nothing else is changed.
 */
export async function renewConnections(agentOrClient: unknown): Promise<number> {
  const sockets: Socket[] = [];
  collectSockets(agentOrClient, sockets);
  await destroyAll(sockets);
  return sockets.length;
}

/**
 * A new dispatcher like undici's default one: an Agent (the class of the one in place, so the same
 * copy of undici) with the options it was made with. Anything else (a ProxyAgent, a custom
 * Dispatcher) cannot be remade from outside: its sockets are destroyed instead.
 */
function replacementOf(dispatcher: { constructor?: unknown; close?: () => unknown }): object | undefined {
  const Agent = dispatcher.constructor as (new (options: unknown) => object) | undefined;
  if (typeof Agent !== 'function' || Agent.name !== 'Agent' || typeof dispatcher.close !== 'function') return undefined;
  const optionsKey = Object.getOwnPropertySymbols(dispatcher).find((symbol) => symbol.description === 'options');
  const options = optionsKey === undefined ? undefined : (dispatcher as Record<symbol, unknown>)[optionsKey];
  if (typeof options !== 'object' || options === null) return undefined;
  try {
    return new Agent(options);
  } catch {
    return undefined;
  }
}

function countSockets(root: unknown): number {
  const sockets: Socket[] = [];
  collectSockets(root, sockets);
  return sockets.length;
}

/** The http and https global agents, when the app has loaded those modules (they are not loaded here). */
function globalAgents(): unknown[] {
  const loaded = (process as { moduleLoadList?: string[] }).moduleLoadList;
  const get = (process as { getBuiltinModule?: (id: string) => { globalAgent?: unknown } | undefined }).getBuiltinModule;
  if (!get) return [];
  const agents: unknown[] = [];
  for (const name of ['http', 'https']) {
    if (loaded && !loaded.includes(`NativeModule ${name}`)) continue;
    agents.push(get(`node:${name}`)?.globalAgent);
  }
  return agents;
}

function collectSockets(root: unknown, found: Socket[]): void {
  const seen = new Set<object>();
  const pending: Array<[object, number]> = [];
  const push = (value: unknown, depth: number) => {
    if (typeof value === 'object' && value !== null && value !== globalThis && !seen.has(value)) pending.push([value, depth]);
  };
  push(root, 0);
  while (pending.length > 0 && seen.size < MAX_OBJECTS) {
    const [value, depth] = pending.pop() as [object, number];
    if (seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Socket) {
      if (isOutboundConnection(value)) found.push(value);
      continue;
    }
    if (depth >= MAX_DEPTH || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Promise) continue;
    const next = depth + 1;
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        push(key, next);
        push(entry, next);
      }
    } else if (value instanceof Set) for (const entry of value) push(entry, next);
    else if (value instanceof WeakRef) push(value.deref(), next);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) push(descriptor.value, next);
    }
  }
}

/**
 * A connection this process opened and that no request of node:http is using now: not a pipe
 * (stdout), not one a server of its own accepted (an HTTP platform's hook call arrives on one).
 */
function isOutboundConnection(socket: Socket): boolean {
  const { _server, _httpMessage } = socket as { _server?: unknown; _httpMessage?: unknown };
  return !socket.destroyed && !_server && !_httpMessage && (socket.connecting || socket.remoteAddress !== undefined);
}

function destroyAll(sockets: Socket[]): Promise<void> {
  if (sockets.length === 0) return Promise.resolve();
  // Pools drop a socket on its 'close' event: wait for it, so that the next request gets a new one.
  const closed = sockets.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
  for (const socket of sockets) socket.destroy();
  return Promise.all(closed).then(() => undefined);
}
