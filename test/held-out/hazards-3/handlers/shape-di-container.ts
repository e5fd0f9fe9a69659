// Shape: a dependency-injection container (lib/container.ts). Factories are registered at init; some are resolved at
// init (their work runs then, inside the factory on the register line), others only in the handler.
import { Connection } from 'rabbitmq-client';
import { Client as FtpClient } from 'basic-ftp';
import { Signer } from '@aws-sdk/rds-signer';
import { Temporal } from 'temporal-polyfill';
import generator from 'generate-password';
import uuid from 'uuid-random';
import { registerAfterRestore } from 'snapshot-restore';
import { container } from './lib/container.ts';

container
  .register('bus', () => new Connection(process.env.BUS_URL ?? 'amqp://bus.internal:5672')) // expect: SR107 (resolved at init below: the factory runs then and the constructor opens the socket)
  .register('ftp', () => new FtpClient()) // expect: none (resolved at init, but the constructor opens nothing)
  .register('bootTime', () => Temporal.Now.instant()) // expect: SR105 (resolved at init: the instant is kept as a singleton in the container)
  .register('signer', () => new Signer({ hostname: 'db.internal', port: 5432, username: 'app', region: 'eu-west-1' })) // expect: none (a signer: no request)
  .register('requestId', () => uuid(), { singleton: false }) // expect: none (resolved only in the handler)
  .register('servicePassword', () => generator.generate({ length: 20, numbers: true })) // expect: none (renewed after each restore: the hook resets and resolves it again)
  .register('reportClock', () => Temporal.Now.instant()); // expect: none (never resolved at init)

const bus = container.resolve<Connection>('bus'); // expect: none (the work is reported inside the factory)
bus.on('error', () => undefined);
const ftp = container.resolve<FtpClient>('ftp'); // expect: none (constructor only)
const bootTime = container.resolve<Temporal.Instant>('bootTime'); // expect: none (reported inside the factory)
const signer = container.resolve<Signer>('signer'); // expect: none (a signer: no request)
let servicePassword = container.resolve<string>('servicePassword'); // expect: none (renewed after each restore below)
registerAfterRestore(() => {
  container.reset('servicePassword');
  servicePassword = container.resolve<string>('servicePassword');
});

export const handler = async () => {
  const requestId = container.resolve<string>('requestId');
  const at = container.resolve<Temporal.Instant>('reportClock');
  return { requestId, at: at.toString(), boot: bootTime.toString(), ftp: ftp.closed, s: !!signer, p: servicePassword.length, b: bus.ready };
};
