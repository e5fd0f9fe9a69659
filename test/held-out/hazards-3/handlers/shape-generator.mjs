// Shape: generators. A generator body runs on the first next(), so work inside it happens at init only if init calls next().
import hat from 'hat';
import { Temporal } from 'temporal-polyfill';
import { ofetch } from 'ofetch';

function* jobIds(prefix) {
  const base = hat(48); // expect: SR104 (the first next() below runs at init: the base every later job ID extends is drawn then and kept in the generator)
  let n = 0;
  while (true) yield `${prefix}-${base}-${n++}`;
}
const jobs = jobIds('job'); // expect: none (making the generator runs none of its body)
const firstJob = jobs.next().value; // expect: none (reported inside the generator, where the ID is drawn)

function* ticks() {
  while (true) yield Temporal.Now.instant(); // expect: none (next() is only called in the handler)
}
const clock = ticks();

async function* pages(url) {
  for (let page = 1; page <= 2; page++) {
    yield await ofetch(url, { query: { page } }).catch(() => []); // expect: SR107 (consumed at init by the for await below: requests through the global fetch leave keep-alive sockets)
  }
}
const catalogue = [];
for await (const page of pages('https://catalogue.internal/items')) catalogue.push(page); // expect: none (reported inside the generator)

export const handler = async () => ({ job: jobs.next().value, firstJob, at: clock.next().value.toString(), n: catalogue.length });
