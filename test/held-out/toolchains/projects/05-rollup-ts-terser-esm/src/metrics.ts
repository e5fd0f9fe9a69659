import { registerAfterRestore } from 'snapshot-restore';

let counters: Record<string, number> = {};

export function recordMetric(name: string) {
  counters[name] = (counters[name] ?? 0) + 1;
}

function resetMetrics() {
  counters = {};
  console.log('hook:resetMetrics');
}

registerAfterRestore(resetMetrics);
