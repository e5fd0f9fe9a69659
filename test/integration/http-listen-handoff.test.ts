// The preload of a plain process under `emulate --platform` (listen-preload.ts, shipped as a module,
// loaded with `node --import`): the app's first listen() on PORT takes the listening socket the
// parent kept bound and passed as a descriptor, for a CommonJS and an ES module app, and the app
// no longer sees the variable naming the descriptor (a process it forks does not take it again).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handOffPreload } from '../../emulator/snapshot/listen-handoff.js';
import { LISTEN_FD_ENV } from '../../emulator/snapshot/protocol.js';

const dir = mkdtempSync(join(tmpdir(), 'sr-listen-handoff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP = (load: string) => `${load}
const server = http.createServer((req, res) => {
  res.end(JSON.stringify({ pid: process.pid, fd: server._handle.fd, fdVariable: process.env.${LISTEN_FD_ENV} ?? null }));
  server.close();
});
server.listen(Number(process.env.PORT), '127.0.0.1');
`;

describe('the listen hand-off preload', () => {
  for (const [name, load] of [
    ['app.cjs', "const http = require('node:http');"],
    ['app.mjs', "import http from 'node:http';"],
  ] as const) {
    it(`${name}: its listen() on PORT takes the descriptor's socket, and the variable is gone`, async () => {
      const reserved: Server = createServer();
      await new Promise<void>((resolve) => reserved.listen(0, '127.0.0.1', resolve));
      const { port } = reserved.address() as { port: number };
      const fd = (reserved as unknown as { _handle: { fd: number } })._handle.fd;
      const file = join(dir, name);
      writeFileSync(file, APP(load));
      const preload = await handOffPreload(dir);
      const child = spawn(process.execPath, ['--import', preload, file], {
        env: { ...process.env, PORT: String(port), [LISTEN_FD_ENV]: '4' },
        stdio: ['ignore', 'pipe', 'pipe', 'ignore', fd],
      });
      // The child has its own copy: nothing but the child listens from now on.
      await new Promise((resolve) => reserved.close(resolve));
      let stderr = '';
      child.stderr?.on('data', (data: Buffer) => (stderr += data));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const answer = (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { pid: number; fd: number; fdVariable: string | null };
      expect(await exited, stderr).toBe(0);
      expect(answer).toEqual({ pid: child.pid, fd: 4, fdVariable: null });
    });
  }
});
