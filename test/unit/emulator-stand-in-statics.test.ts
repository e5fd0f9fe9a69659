// A stand-in class answers its real class's static settings (own and inherited) that are plain data (Node's
// lib/_http_agent.js sets Agent.defaultMaxSockets = Infinity, which needle compares at load) from
// the shape alone, as the generated stand-in module carries it (literal(): Infinity survives),
// for every class of every module that gets a stand-in; what is set before the load reaches the
// real class.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { literal, shapeOf } from '../../emulator/snapshot/builtins.js';
import { type ModuleShape, standInModule } from '../../emulator/snapshot/stand-in.js';

const require = createRequire(import.meta.url);

describe('static settings of stand-in classes', () => {
  for (const name of ['http', 'https', 'http2', 'tls']) {
    it(`node:${name}: every class's own plain-data statics, before and after the real module loads`, () => {
      const real = require(`node:${name}`) as Record<string, any>;
      // The shape as the stand-in module's source gives it.
      const shape = new Function(`return ${literal(shapeOf(real))}`)() as ModuleShape;
      let loaded = false;
      const module = standInModule(
        `node:${name}`,
        () => {
          loaded = true;
          return real;
        },
        shape,
      ) as Record<string, any>;
      let checked = 0;
      for (const key of shape.classes) {
        // Own and inherited (https.Agent inherits http.Agent's), as the real class answers them.
        for (let owner = real[key]; owner && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
          for (const property of Object.getOwnPropertyNames(owner)) {
            const value = Object.getOwnPropertyDescriptor(owner, property)?.value;
            if (['length', 'name', 'prototype'].includes(property) || !['string', 'number', 'boolean'].includes(typeof value)) continue;
            expect(module[key][property], `${key}.${property}`).toBe(real[key][property]);
            checked++;
          }
        }
      }
      expect(loaded).toBe(false);
      if (name === 'http' || name === 'https') {
        expect(checked).toBeGreaterThan(0);
        // needle: `close_by_default = !http.Agent || http.Agent.defaultMaxSockets != Infinity`.
        expect(module.Agent.defaultMaxSockets).toBe(Number.POSITIVE_INFINITY);
      }
      if (name === 'http') {
        const saved = real.Agent.defaultMaxSockets;
        try {
          module.Agent.defaultMaxSockets = 50;
          expect(module.Agent.defaultMaxSockets).toBe(50);
          expect(real.Agent.defaultMaxSockets).toBe(saved);
          const agent = new module.Agent();
          expect(loaded).toBe(true);
          expect(real.Agent.defaultMaxSockets).toBe(50);
          expect(agent.maxSockets).toBe(50);
          agent.destroy();
        } finally {
          real.Agent.defaultMaxSockets = saved;
        }
      }
    });
  }
});
