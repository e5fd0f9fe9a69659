// An uncaught exception or an unhandled rejection leaves the process in a state nobody can trust,
// so the runtime exits; but first it answers the invocation in flight, so that the caller gets
// Runtime.UncaughtException / Runtime.UnhandledPromiseRejection instead of a timeout (the official
// client 4.x dies without answering). During init it reports to /init/error (a restore error while
// restoring, as Lambda counts it).
import { logError } from './logging.js';
import { invokeState } from './loop.js';
import type { RuntimeApiClient } from '../runtime-api/client.js';

export const UNCAUGHT_EXIT_CODE = 1; // what Node.js itself exits with

export function exitOnUncaught(client: RuntimeApiClient, phase: () => 'init' | 'invoke'): void {
  let reporting = false;
  const fatal = (type: string, title: string) => (error: unknown) => {
    logError(title, error);
    if (reporting) return;
    reporting = true;
    const { requestId, answering } = invokeState;
    // A response already on its way is let through; otherwise the error answers the invoke.
    const report = answering
      ? answering
      : requestId
        ? client.invocationError(requestId, error, type, { bodyType: type, fresh: true })
        : phase() === 'init'
          ? client.initError(error, type)
          : Promise.resolve();
    report.catch((reportError: unknown) => logError('Could not report the error to Lambda', reportError)).finally(() => process.exit(UNCAUGHT_EXIT_CODE));
  };
  process.on('uncaughtException', fatal('Runtime.UncaughtException', 'Uncaught Exception'));
  process.on('unhandledRejection', fatal('Runtime.UnhandledPromiseRejection', 'Unhandled Promise Rejection'));
}
