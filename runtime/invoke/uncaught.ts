// An uncaught exception or an unhandled rejection: aws-lambda-ric 4 installs no listener for
// either, so Node.js decides. When the app has its own 'uncaughtException' listener (Sentry,
// Datadog) Node.js calls it and goes on; an unhandled rejection reaches 'uncaughtException'
// listeners only when nobody listens to 'unhandledRejection' (with origin 'unhandledRejection').
// The bootstrap keeps exactly that: it adds one 'uncaughtException' listener and none for
// 'unhandledRejection', and its listener stands aside when the app has one of its own. Only
// where Node.js would have died does it act: it answers the invocation in flight (or reports the
// init error) before it exits 1 as Node.js would, so the caller gets Runtime.UncaughtException /
// Runtime.UnhandledPromiseRejection instead of a timeout (ric dies without answering).
import { exitAfterFlush } from './exit.js';
import { logError, runtimeNotice } from './logging.js';
import { failStream, invokeState } from './loop.js';
import type { RuntimeApiClient } from '../runtime-api/client.js';

export const UNCAUGHT_EXIT_CODE = 1; // what Node.js itself exits with

export function exitOnUncaught(client: RuntimeApiClient, phase: () => 'init' | 'invoke'): void {
  let reporting = false;
  const listener = (error: unknown, origin?: string) => {
    // The app's own listener decides, as it would under ric.
    if (process.listeners('uncaughtException').some((other) => other !== listener)) return;
    const rejection = origin === 'unhandledRejection';
    const type = rejection ? 'Runtime.UnhandledPromiseRejection' : 'Runtime.UncaughtException';
    logError(rejection ? 'Unhandled Promise Rejection' : 'Uncaught Exception', error);
    if (reporting) return;
    reporting = true;
    const { invocation, answering, stream } = invokeState;
    // A response already on its way is let through; a streamed one still open is ended with the
    // error trailers; otherwise the error answers the invoke.
    const report = answering
      ? answering
      : stream
        ? failStream(stream, error, type).then(() => stream.answer())
        : invocation
          ? client.invocationError(invocation, error, type, { bodyType: type, fresh: true })
          : phase() === 'init'
            ? client.initError(error, type)
            : Promise.resolve();
    report.catch((reportError: unknown) => runtimeNotice('could not report the error to Lambda', reportError)).finally(() => exitAfterFlush(UNCAUGHT_EXIT_CODE));
  };
  process.on('uncaughtException', listener);
}
