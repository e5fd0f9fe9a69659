// Requests at init through pools that keep their sockets: fetch's global undici dispatcher,
// Node's global agent (keep-alive since Node 19), a keep-alive agent given to axios. The socket is
// open at the snapshot point (SR107 at the line that made the request), as against a real
// server: fetch connects and writes its request a little after connecting (undici compiles its
// parser the first time), so the sink must not take it for a client waiting for the server to
// speak first. The process's first undici connection is plain http:// on purpose: a TLS socket
// is never taken for a speak-first client, so https:// would not test that. A request sent with `Connection: close` is answered and closed, and the snapshot
// point waits for that close.
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject, differences, expectations, foundAt, hasCorpus } from '../helpers/audit-project.js';

const sr107 = (findings: Array<{ code: string; location?: { file: string; line: number } | null }>) => foundAt(findings.filter((f) => f.code === 'SR107'));

describe('the run-time audit: sockets kept by HTTP pools at init', () => {
  it('reports fetch and the global agent keeping a socket, and nothing for a request that asked to close', async () => {
    const files = {
      'src/handler.ts': `import http from 'node:http';
import https from 'node:https';

async function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get(url, { headers }, (response) => { // expect: SR107 (the global agent keeps the socket)
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

export const config = await (await fetch('http://config.internal/app.json')).json(); // expect: SR107 (fetch's global dispatcher keeps the socket)
export const status = await get('https://flags.internal/v1/flags');
export const once = await new Promise<number>((resolve, reject) => {
  http.get('http://once.internal/ping', { headers: { connection: 'close' } }, (response) => { // expect: none (closed after the answer)
    response.resume();
    response.on('end', () => resolve(response.statusCode ?? 0));
  }).on('error', reject);
});

export const handler = async () => ({ config, status, once });
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(audit.notes).toEqual([]);
    expect(differences(expectations(files), sr107(audit.findings))).toEqual([]);
    const once = audit.seen.find((thing) => thing.kind === 'socket' && thing.detail === 'once.internal:80');
    expect(once?.openAtSnapshot).toBe(false);
    // The run contradicts a static SR107 on that line: what check --run merges drops it.
    expect(audit.cleared).toContainEqual({ file: 'src/handler.ts', line: 16, code: 'SR107' });
    expect(audit.cleared).not.toContainEqual({ file: 'src/handler.ts', line: 13, code: 'SR107' });
  });

  it('greets no client that reads nothing yet: one that pauses after connecting and then speaks first gets its answer', async () => {
    // The pause stands for a client's own work before its first write (undici compiling its HTTP
    // parser on a loaded machine); it outlasts the 300 ms silence the sink once took for waiting.
    const files = {
      'src/handler.ts': `import net from 'node:net';

export const status = await new Promise<string>((resolve, reject) => {
  const socket = net.connect(80, 'slow.internal');
  socket.on('error', reject);
  socket.once('connect', () => {
    setTimeout(() => {
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        const line = chunk.toString('latin1').split('\\r\\n')[0];
        if (line.startsWith('HTTP/1.1 ')) resolve(line);
        else reject(new Error('answered by something other than HTTP'));
      });
      socket.write('GET / HTTP/1.1\\r\\nHost: slow.internal\\r\\nConnection: close\\r\\n\\r\\n');
    }, 600);
  });
});

export const handler = async () => status;
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(audit.notes).toEqual([]);
  });

  it.skipIf(!hasCorpus())('reports axios through a keep-alive agent, and not through an agent that closes', async () => {
    const files = {
      'src/handler.ts': `import axios from 'axios';
import https from 'node:https';

const kept = axios.create({ baseURL: 'https://api.internal', httpsAgent: new https.Agent({ keepAlive: true }) });
const closing = axios.create({ baseURL: 'https://other.internal', httpsAgent: new https.Agent({ keepAlive: false }) });
export const a = (await kept.get('/a')).data; // expect: SR107
export const b = (await closing.get('/b')).data; // expect: none (no keep-alive: the socket is closed after the answer)

export const handler = async () => ({ a, b });
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(audit.notes).toEqual([]);
    expect(differences(expectations(files), sr107(audit.findings))).toEqual([]);
  });
});
