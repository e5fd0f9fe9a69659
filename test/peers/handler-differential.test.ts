// The differential handler suite: generated handler modules (test/helpers/handler-cases.ts), each
// run under the bootstrap and under aws-lambda-ric on the same fault-injection Runtime API. Where
// ric serves, the bootstrap serves with the same answer; where ric fails, the bootstrap fails the
// same way (error type and message) or serves. Every intended difference is in docs/bootstrap.md.
// HANDLER_CASES=N (default 60) and HANDLER_SEED=S for longer runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/bundle.js';
import { caseFiles, compareOutcomes, expectedPayload, generateHandlerCases, runHandlerCase, SPECIAL_CASES } from '../helpers/handler-cases.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

const ric = join(repoRoot, 'test/peers/node_modules/aws-lambda-ric/index.mjs');
const count = Number(process.env.HANDLER_CASES ?? 60);
const seed = Number(process.env.HANDLER_SEED ?? 20260722);
const tally = { same: 0, better: 0, worse: 0 };

beforeAll(() => {
  requireBuild();
  if (!existsSync(ric)) throw new Error('aws-lambda-ric is not installed: run `npm run test:peers`');
});
afterAll(() => {
  process.stdout.write(
    `handler differential (seed ${seed}): ${count + SPECIAL_CASES.length} cases; same ${tally.same}, bootstrap better ${tally.better}, bootstrap worse ${tally.worse}\n`,
  );
});

async function differential(spec: { files: Record<string, string>; handler: string }) {
  const [ours, theirs] = await Promise.all([runHandlerCase(spec, [bootstrapScript], { waitMs: 8_000 }), runHandlerCase(spec, [ric], { waitMs: 8_000 })]);
  const result = compareOutcomes(ours.outcome, theirs.outcome, { ours: ours.taskRoot, ric: theirs.taskRoot });
  tally[result.verdict]++;
  expect(result.verdict, result.why).not.toBe('worse');
  return { ours: ours.outcome, theirs: theirs.outcome, ...result };
}

describe(`generated handlers (${count}, seed ${seed}): the bootstrap serves what ric serves, fails no worse`, () => {
  for (const c of generateHandlerCases(count, seed)) {
    it(c.id, async () => {
      const { ours, theirs } = await differential(caseFiles(c));
      // Intended difference: ric 4 refuses callback handlers at init, the bootstrap serves them.
      if (theirs.kind === 'initError' && theirs.errorType === 'Runtime.CallbackHandlerDeprecated') expect(ours.kind).toBe('served');
      if (ours.kind === 'served') expect(ours.payload).toEqual(expectedPayload(c, 7));
    });
  }
});

describe('names, folders and shapes outside the dimensions', () => {
  for (const special of SPECIAL_CASES) {
    it(special.id, async () => {
      await differential(special);
    });
  }
});
