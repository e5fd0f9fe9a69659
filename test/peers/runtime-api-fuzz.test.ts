// The Runtime API fuzzer (test/helpers/api-fuzz.ts) against the bootstrap and aws-lambda-ric side
// by side: each generated case meets both runtimes with the same answers and connection events.
// The bootstrap answers every invoke ric answers, and never exits where ric goes on. Fixed seed
// here; FUZZ_CASES=N FUZZ_SEED=S for longer runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzWorse, generateFuzzCase, runFuzzCase } from '../helpers/api-fuzz.js';
import { repoRoot } from '../helpers/bundle.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

const ric = join(repoRoot, 'test/peers/node_modules/aws-lambda-ric/index.mjs');
const count = Number(process.env.FUZZ_CASES ?? 50);
const seed = Number(process.env.FUZZ_SEED ?? 20260722);
const tally = { cases: 0, worse: 0, bothAnsweredAll: 0, oursAnsweredMore: 0 };

beforeAll(() => {
  requireBuild();
  if (!existsSync(ric)) throw new Error('aws-lambda-ric is not installed: run `npm run test:peers`');
});
afterAll(() => {
  process.stdout.write(
    `runtime API fuzz (seed ${seed}): ${tally.cases} cases; the bootstrap worse in ${tally.worse}, answered more invokes than ric in ${tally.oursAnsweredMore}, both answered all in ${tally.bothAnsweredAll}\n`,
  );
});

describe(`Runtime API fuzz (${count} cases, seed ${seed}): the bootstrap is never worse than ric`, () => {
  for (let index = 0; index < count; index++) {
    const fuzz = generateFuzzCase(seed, index);
    it(fuzz.id, async () => {
      const [ours, theirs] = await Promise.all([runFuzzCase(fuzz, [bootstrapScript], { waitMs: 4_000 }), runFuzzCase(fuzz, [ric], { waitMs: 4_000 })]);
      const worse = fuzzWorse(ours, theirs);
      tally.cases++;
      if (worse.length) tally.worse++;
      if (ours.answered.length > theirs.answered.length) tally.oursAnsweredMore++;
      if (ours.answered.length === 3 && theirs.answered.length === 3) tally.bothAnsweredAll++;
      expect(worse, `${worse.join('; ')}\nbootstrap stderr: ${ours.stderr.slice(0, 2000)}`).toEqual([]);
    });
  }
});
