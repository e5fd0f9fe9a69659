// Nothing the audited init does leaves this machine: a process with the audit's preload, told of
// a local sink, sends every connection (to any address, by name or by number, TCP, TLS, fetch)
// and every datagram to the sink, and resolves every name to 127.0.0.1 without a DNS query.
// Without a sink the preload refuses to run at all. Real child processes; the only traffic is
// to 127.0.0.1.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_SINK_ENV } from '../../emulator/audit/protocol.js';
import { writePreload } from '../../emulator/audit/run-audit.js';
import { startSink, type Sink } from '../../emulator/audit/sink.js';
import { tempDir } from '../helpers/run-cli.js';

// Addresses of documentation networks (RFC 5737) and real public names: none may be reached.
const SCRIPT = `
const net = require('node:net');
const tls = require('node:tls');
const dgram = require('node:dgram');
const dns = require('node:dns');
const out = {};
const done = () => { process.stdout.write(JSON.stringify(out)); process.exit(0); };
let pending = 5;
const settle = () => { if (--pending === 0) done(); };
const byNumber = net.connect(80, '203.0.113.10', () => { out.byNumber = [byNumber.remoteAddress, byNumber.remotePort]; settle(); });
const byName = net.connect({ host: 'db.example.com', port: 5432 }, () => { out.byName = [byName.remoteAddress, byName.remotePort]; settle(); });
const secure = tls.connect({ host: 'api.example.com', port: 443 });
secure.on('error', () => {});
secure.once('connect', () => { out.tls = [secure.remoteAddress, secure.remotePort]; settle(); });
dns.lookup('example.com', (error, address) => { out.lookup = address; dns.promises.resolve4('example.org').then((found) => { out.resolve4 = found; settle(); }); });
const udp = dgram.createSocket('udp4');
udp.send(Buffer.from('x'), 53, '198.51.100.1', (error) => { out.udp = error ? String(error) : 'sent'; settle(); });
fetch('http://192.0.2.1:8080/').catch(() => {});
`;

function runWith(preload: string, script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', preload, script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.resume();
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('the audit keeps init on this machine', () => {
  let dir: string;
  let preload: string;
  let script: string;
  let sink: Sink;

  beforeAll(async () => {
    dir = tempDir('sr-audit-loopback-');
    preload = await writePreload(dir);
    script = path.join(dir, 'connect.cjs');
    fs.writeFileSync(script, SCRIPT);
    sink = await startSink();
  });
  afterAll(async () => {
    await sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends connections to any address, and datagrams, to the local sink, and resolves names locally', async () => {
    const { code, stdout } = await runWith(preload, script, { [AUDIT_SINK_ENV]: `${sink.tcpPort},${sink.udpPort}` });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.byNumber).toEqual(['127.0.0.1', sink.tcpPort]);
    expect(out.byName).toEqual(['127.0.0.1', sink.tcpPort]);
    expect(out.tls).toEqual(['127.0.0.1', sink.tcpPort]);
    expect(out.lookup).toBe('127.0.0.1');
    expect(out.resolve4).toEqual(['127.0.0.1']);
    expect(out.udp).toBe('sent');
    // Three connections made before the script reported, plus perhaps fetch's: all to the sink.
    expect(sink.accepted).toBeGreaterThanOrEqual(3);
    await expect.poll(() => sink.datagrams).toBe(1);
  });

  it('refuses to run at all without a sink to send to', async () => {
    const before = sink.accepted;
    const { code, stdout } = await runWith(preload, script, {});
    expect(code).toBe(70);
    expect(stdout).toBe('');
    expect(sink.accepted).toBe(before);
  });
});
