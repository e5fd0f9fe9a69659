// The decorator forms, compiled by the real esbuild in both modes (standard TC39 decorators,
// and legacy experimentalDecorators read from the fixture's tsconfig) and run in a real process.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, lastJson, repoRoot, runNode } from '../helpers/bundle.js';

const fixture = (mode: string) => join(repoRoot, 'fixtures/decorators', mode, 'hooks.ts');
// keepNames: esbuild renames classes it lowers (Database becomes _Database) unless told not to.
const build = (mode: string) => bundle(fixture(mode), { keepNames: true, tsconfig: join(repoRoot, 'fixtures/decorators', mode, 'tsconfig.json') });

describe('standard (TC39) decorators', async () => {
  const result = await runNode(await build('standard'));
  const out = lastJson(result);

  it('registers static methods when the class is defined', () => {
    expect(out.registeredAtDefinition).toEqual(['Database.reconnect']);
    expect(out.beforeSnapshot).toEqual(['Database.close']);
  });

  it('registers an instance method at each construction, bound to that instance', () => {
    expect(out.beforeConstruction).toBe(1);
    expect(out.afterConstruction).toEqual(['Database.reconnect', 'Session.renew', 'Session.renew']);
    expect(out.log).toContain('Session.renew id=a');
    expect(out.log).toContain('Session.renew id=b');
  });

  it('runs static hooks with the class as this, awaiting async ones', () => {
    expect(out.log).toEqual(['Database.close this=Database:true', 'Database.reconnect this=Database:true', 'Session.renew id=a', 'Session.renew id=b']);
    expect(out.connected).toBe(true);
  });

  it('records where the class was decorated, not the decorator helper', () => {
    for (const site of out.sites) expect(site).toMatch(/index\.mjs:\d+:\d+$/);
  });

  it('rejects a decorator on a field with a TypeError that says methods only', () => {
    expect(out.fieldError).toMatch(/^@registerAfterRestore can decorate methods only, but was applied to a field \(value\)/);
  });
});

describe('legacy experimentalDecorators', async () => {
  const result = await runNode(await build('legacy'));
  const out = lastJson(result);

  it('registers static methods when the class is defined and runs them with the class as this', () => {
    expect(out.registeredAtDefinition).toEqual(['Database.reconnect']);
    expect(out.log).toEqual(['Database.close this=Database:true', 'Database.reconnect this=Database:true']);
  });

  it('fails at class definition on an instance method, saying what to write instead', () => {
    expect(out.instanceError).toContain('@registerAfterRestore on Session.renew');
    expect(out.instanceError).toContain('never sees an instance');
    expect(out.instanceError).toContain('Make the method static, or register a bound method at module top level: registerAfterRestore(() => instance.renew())');
    expect(out.count).toBe(1);
  });
});
