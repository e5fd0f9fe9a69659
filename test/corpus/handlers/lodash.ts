// lodash 4: random helpers draw from Math.random; uniqueId is a counter.
import _ from 'lodash';
import { sample, shuffle } from 'lodash';
import random from 'lodash/random.js';

const regions = ['a', 'b', 'c'];
export const jitter = _.random(100, 1000); // expect: SR101 (lodash.js baseRandom: nativeRandom = Math.random)
export const order = shuffle(regions); // expect: SR101 (shuffleSelf: baseRandom per element)
export const region = sample(regions); // expect: SR101 (arraySample: baseRandom)
export const pair = _.sampleSize(regions, 2); // expect: SR101 (shuffleSelf)
export const seed = random(1, 6); // expect: SR101 (lodash/random.js → baseRandom)
export const requestTag = _.uniqueId('req_'); // expect: none (a counter, idCounter, not random: the same sequence is by design)
export const at = _.now(); // expect: SR105 (lodash.js now(): root.Date.now())
export const sorted = _.sortBy(regions); // expect: none (no randomness)

export const handler = async () => ({ pick: _.sample(regions), jitter, order, region, pair, seed, requestTag, at }); // expect: none (in the handler)
