// prime(): the handler called with the sample event, outbound connections refused unless allowed
// (through node:http, fetch and node:net alike), and what it changed reported.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prime } from '../../runtime/restores.js';
import { startOkServer } from '../helpers/reset-proxy.js';

let server: Awaited<ReturnType<typeof startOkServer>>;
let accepted = 0;
let counter: net.Server;
let counterPort = 0;

beforeAll(async () => {
  server = await startOkServer();
  counter = net.createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  await new Promise<void>((listening) => counter.listen(0, '127.0.0.1', listening));
  counterPort = (counter.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await server.close();
  await new Promise((closed) => counter.close(closed));
});

const get = (port: number) =>
  new Promise<string>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk)).on('end', () => resolve(body));
      })
      .on('error', reject);
  });

describe('prime', () => {
  it('calls the handler with the sample event and refuses every outbound connection by default', async () => {
    const seen: unknown[] = [];
    const handler = async (event: unknown, context: { getRemainingTimeInMillis(): number }) => {
      seen.push(event, context.getRemainingTimeInMillis() > 0);
      const results = await Promise.allSettled([
        get(counterPort),
        fetch(`http://127.0.0.1:${counterPort}/`),
        new Promise((resolve, reject) => net.connect(counterPort, '127.0.0.1').on('connect', resolve).on('error', reject)),
      ]);
      return results.map((result) => result.status);
    };
    const report = await prime(handler, { orderId: 1 }, { times: 2 });
    expect(seen).toEqual([{ orderId: 1 }, true, { orderId: 1 }, true]);
    expect(report.calls).toBe(2);
    expect(report.errors).toEqual([]);
    expect(report.refused).toHaveLength(6);
    for (const refusal of report.refused) expect(refusal.target).toBe(`127.0.0.1:${counterPort}`);
    expect(report.refused.some((refusal) => refusal.site.includes('runtime-priming.test.ts'))).toBe(true);
    expect(accepted).toBe(0);
    // After priming, connections work again.
    await new Promise((resolve) => net.connect(counterPort, '127.0.0.1').on('close', resolve).on('error', resolve));
    expect(accepted).toBe(1);
  });

  it('lets allowed hosts through, and reports errors and side effects without failing', async () => {
    const report = await prime(
      async () => {
        (globalThis as Record<string, unknown>).primedCache = true;
        process.env.PRIMED = '1';
        expect(await get(server.port)).toBe('ok');
        throw new Error('sample event rejected');
      },
      {},
      { allow: [`127.0.0.1:${server.port}`] },
    );
    delete (globalThis as Record<string, unknown>).primedCache;
    delete process.env.PRIMED;
    expect(report.allowed).toEqual([`127.0.0.1:${server.port}`]);
    expect(report.refused).toEqual([]);
    expect(report.errors).toEqual(['Error: sample event rejected']);
    expect(report.globalsAdded).toContain('primedCache');
    expect(report.envChanged).toEqual(['PRIMED']);
  });

  it('answers callback handlers', async () => {
    const report = await prime((_event: unknown, _context: unknown, callback?: (error: unknown, value?: unknown) => void) => callback?.(new Error('via callback')), {});
    expect(report.errors).toEqual(['Error: via callback']);
  });
});
