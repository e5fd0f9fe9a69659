// Helpers awaited at the top level of shape-tla-helpers.mjs (and only there). Work is expected where it happens.
import amqp from 'amqp-connection-manager';
import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import speakeasy from 'speakeasy';
import { CronExpressionParser } from 'cron-parser';
import { PeriodicExportingMetricReader, ConsoleMetricExporter, MeterProvider } from '@opentelemetry/sdk-metrics';

export async function connectQueue(url) {
  const manager = amqp.connect([url]); // expect: SR107 (connectQueue() is awaited at init: connect() runs amqplib.connect)
  return manager;
}

export async function fetchWebhookSecret() {
  return getParameter('/hooks/prod/secret', { decrypt: true }).catch(() => undefined); // expect: none (the secret is kept by the caller: reported where init keeps it)
}

export async function makeTotpSeed() {
  return speakeasy.generateSecret({ length: 20 }).base32; // expect: SR103 (makeTotpSeed() is awaited at init: randomBytes drawn here, the caller keeps the seed)
}

export function schedule(expr) {
  return CronExpressionParser.parse(expr); // expect: SR105 (schedule() is called at init: no currentDate, so the iterator starts at the time of init)
}

export async function startMetrics() {
  const provider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 60_000 })] }); // expect: SR106 (startMetrics() is awaited at init: the provider initialises the reader, setInterval)
  return provider;
}

export async function lateQueue(url) {
  return amqp.connect([url]); // expect: none (only called from the handler)
}
