// The Runtime API fuzzer (test/helpers/api-fuzz.ts) against the bootstrap alone: after any
// generated answer or connection event except the ones that leave no event to take (/next
// answered with anything but 2xx, or dropped), every invoke is answered and the process serves
// on. Side by side with aws-lambda-ric: test/peers/runtime-api-fuzz.test.ts.
// FUZZ_CASES=N FUZZ_SEED=S for longer runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFuzzCase, runFuzzCase, stopsTheLoop } from '../helpers/api-fuzz.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const count = Number(process.env.FUZZ_CASES ?? 20);
const seed = Number(process.env.FUZZ_SEED ?? 20260722);

describe(`Runtime API fuzz (${count} cases, seed ${seed}) under the bootstrap`, () => {
  for (let index = 0; index < count; index++) {
    const fuzz = generateFuzzCase(seed, index);
    it(fuzz.id, async () => {
      const outcome = await runFuzzCase(fuzz, [bootstrapScript]);
      if (fuzz.faults.some(stopsTheLoop)) {
        // It may stop, but only by exiting (never by hanging with an invoke it could take).
        if (outcome.answered.length < fuzz.invokes.length) expect(outcome.exit, outcome.calls.join('\n')).not.toBe('running');
        return;
      }
      expect({ answered: outcome.answered, exit: outcome.exit }, `${outcome.calls.join('\n')}\n${outcome.stderr}`).toEqual({
        answered: fuzz.invokes.map((invoke) => invoke.id),
        exit: 'running',
      });
    });
  }
});
