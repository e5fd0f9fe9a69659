// Generated handler modules (test/helpers/handler-cases.ts) under the bootstrap alone, against a
// model of its loading rules (docs/bootstrap.md): CommonJS and ESM, every extension and package
// "type", export shapes, top-level await, handler styles, nested folders and node_modules, and
// what init throws. The same cases run side by side with aws-lambda-ric in test/peers.
// HANDLER_CASES=N and HANDLER_SEED=S for longer runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFiles, generateHandlerCases, modelOutcome, runHandlerCase } from '../helpers/handler-cases.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const count = Number(process.env.HANDLER_CASES ?? 40);
const seed = Number(process.env.HANDLER_SEED ?? 20260722);

describe(`generated handlers (${count}, seed ${seed}) under the bootstrap`, () => {
  const cases = generateHandlerCases(count, seed).filter((c) => modelOutcome(c) !== undefined);
  for (const c of cases) {
    it(c.id, async () => {
      const expected = modelOutcome(c)!;
      const { outcome } = await runHandlerCase(caseFiles(c), [bootstrapScript]);
      if (expected.kind === 'served') expect(outcome).toMatchObject({ kind: 'served', payload: expected.payload });
      else {
        expect(outcome).toMatchObject({ kind: 'initError', errorType: expected.errorType });
        expect((outcome as { errorMessage: string }).errorMessage).toMatch(expected.errorMessage);
      }
    });
  }
});
