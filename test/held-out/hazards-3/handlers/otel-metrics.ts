// @opentelemetry/sdk-metrics 2.12.1: the MeterProvider constructor calls metricReader.setMetricProducer() for each
// reader (build/src/MeterProvider.js:30), which calls onInitialized() (export/MetricReader.js:56); the
// PeriodicExportingMetricReader's onInitialized() arms `setInterval(... _runOnce ...)` (PeriodicExportingMetricReader.js:155).
import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const reader = new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 60_000 }); // expect: none (the reader's constructor arms nothing: the interval starts when a provider initialises it)
export const meterProvider = new MeterProvider({ readers: [reader] }); // expect: SR106 (constructor → setMetricProducer → onInitialized(): setInterval armed at init)
const meter = meterProvider.getMeter('orders'); // expect: none (a meter: no timer)
const invocations = meter.createCounter('invocations'); // expect: none (an instrument)

const manual = new MeterProvider(); // expect: none (no readers: nothing is armed)

const flushReader = new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 30_000 });
let flushed = new MeterProvider({ readers: [flushReader] }); // expect: none (shut down before the snapshot and made again after the restore)
registerBeforeSnapshot(() => flushed.shutdown());
registerAfterRestore(() => {
  flushed = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 30_000 })] });
});

export const handler = async () => {
  invocations.add(1);
  manual.getMeter('x').createCounter('y').add(1);
  flushed.getMeter('f').createCounter('g').add(1);
  return { ok: true };
};
