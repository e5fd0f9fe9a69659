// The local Runtime API emulator: a Lambda Runtime API with the SnapStart state machine, and a
// helper to run a runtime process against it.
export { RuntimeApiEmulator } from './runtime-api/server.js';
export { startRuntimeProcess } from './runtime-api/runtime-process.js';
export type { RuntimeProcess, RuntimeProcessOptions, RuntimeExit } from './runtime-api/runtime-process.js';
export type {
  EmulatorOptions,
  EmulatorState,
  ErrorBody,
  InvokeOptions,
  InvokeResult,
  LifecycleTimings,
  RecordedError,
  RuntimeApiCall,
  RuntimeExitInfo,
  WaitOptions,
} from './runtime-api/types.js';
export type { ContainerCredentials } from './runtime-api/credentials.js';
// `snapshot-restore emulate`: a real V8 snapshot of a function and N restores from it.
export { emulate } from './snapshot/emulate.js';
export type { EmulateOptions, EmulateResult } from './snapshot/emulate.js';
export { formatReport } from './snapshot/report.js';
export type { EmulateReport, RestoreReport, InvokeReport, LintFinding } from './snapshot/report.js';
