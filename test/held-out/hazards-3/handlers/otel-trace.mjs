// @opentelemetry/sdk-trace-base 2.12.1 (re-exports @opentelemetry/sdk-trace): BatchSpanProcessorBase arms nothing in its
// constructor; onEnd() of a sampled span calls _maybeStartTimer() → `this._timer = setTimeout(() => flush(), ...)`
// (export/BatchSpanProcessorBase.js:199). SimpleSpanProcessor exports at once (no timer).
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const batch = new BatchSpanProcessor(new ConsoleSpanExporter(), { scheduledDelayMillis: 5000 }); // expect: none (constructor: no timer until a span ends)
const provider = new BasicTracerProvider({ spanProcessors: [batch] }); // expect: none (registers the processor: no timer)
const tracer = provider.getTracer('bootstrap'); // expect: none (a tracer)

const warmup = tracer.startSpan('warmup'); // expect: none (a span, not kept past init as an ID: it ends on the next line and its ids are per span)
warmup.end(); // expect: SR106 (onEnd → BatchSpanProcessorBase._maybeStartTimer: setTimeout armed at init for the batch flush)

const simple = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] }); // expect: none (SimpleSpanProcessor exports on end: no timer)
simple.getTracer('s').startSpan('boot').end(); // expect: none (SimpleSpanProcessor.onEnd exports at once: no timer armed)

export const handler = async (event) => {
  const span = tracer.startSpan('invoke');
  span.setAttribute('id', String(event.id));
  span.end();
  return { ok: true };
};
