// The local Runtime API emulator: a Lambda Runtime API with the SnapStart state machine, and a
// helper to run a runtime process against it.
export { RuntimeApiEmulator } from './runtime-api-emulator.js';
export { startRuntimeProcess } from './runtime-process.js';
export type { RuntimeProcess, RuntimeProcessOptions, RuntimeExit } from './runtime-process.js';
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
} from './types.js';
export type { ContainerCredentials } from './credentials.js';
export { validErrorType, UNKNOWN_ERROR_TYPE } from './error-type.js';
export { CREDENTIALS_PATH, RUNTIME_API_BASE } from './routes.js';
// `snapshot-restore emulate`: a real V8 snapshot of a function and N restores from it.
export { emulate, processEnv } from './emulate.js';
export type { EmulateOptions, EmulateResult } from './emulate.js';
export { formatReport } from './emulate-report.js';
export type { EmulateReport, RestoreReport, InvokeReport, LintFinding } from './emulate-report.js';
