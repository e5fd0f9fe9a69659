// Which exports of a built-in make servers that emulate --platform defers in a snapshot build:
// found by making one without arguments and asking whether it is a net.Server, not from a list.
import { createRequire } from 'node:module';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { observeServers } from '../../emulator/snapshot/deferred-server.js';

const require = createRequire(import.meta.url);

describe('observeServers', () => {
  it("finds node:http's, node:https' and node:tls' server factories and classes, with their defaults and methods", () => {
    for (const name of ['http', 'https', 'tls']) {
      const found = observeServers(require(`node:${name}`));
      expect(Object.keys(found).sort(), name).toEqual(['Server', 'createServer']);
      expect(found.createServer.className).toBe('Server');
      expect(found.createServer.methods).toEqual(expect.arrayContaining(['listen', 'on', 'once', 'close', 'address']));
    }
    const http = observeServers(require('node:http')).createServer;
    // The settings an unbound server answers with come from a real one, not from a table.
    const real = require('node:http').createServer();
    for (const key of ['keepAliveTimeout', 'requestTimeout', 'headersTimeout', 'maxHeadersCount']) expect(http.defaults[key], key).toBe(real[key]);
  });

  it('leaves out what is not a server, what needs arguments, and what only has a server-like name', () => {
    const module = {
      createServer: () => ({ listen() {} }),
      createSecureServer: () => {
        throw new Error('needs a certificate');
      },
      Server: class {},
      makeServer: () => net.createServer(),
      helper: () => net.createServer(),
    };
    const found = observeServers(module as unknown as Record<string, unknown>);
    // `makeServer` ends in "Server" and makes one: found; `helper` is not looked at.
    expect(Object.keys(found)).toEqual(['makeServer']);
  });

  it("makes no class that is not a net.Server: node:repl's REPLServer would start a REPL on this process's stdout", () => {
    let written = '';
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    }) as typeof process.stdout.write;
    let found: Record<string, unknown>;
    try {
      found = observeServers(require('node:repl'));
    } finally {
      process.stdout.write = write;
    }
    expect(found).toEqual({});
    expect(written).toBe('');
  });
});
