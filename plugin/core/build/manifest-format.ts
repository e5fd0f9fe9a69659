// The build manifest, `snapshot-restore.manifest.json`, written beside the bundle. The runtime
// reads it (when present) to warn about hooks the build saw that never registered, so the field
// names below are a stable, versioned format:
//
// {
//   "version": 1,                       // bumped on any incompatible change
//   "generator": "snapshot-restore",
//   "entryPoint": "src/handler.ts",     // the bundle's entry (single-entry builds)
//   "beforeSnapshot": [ManifestHook],   // in the order they will RUN: reverse registration order
//   "afterRestore": [ManifestHook],     // in the order they will run: registration order
//   "lazy": [ManifestLazyModule],       // modules that register hooks but are only loaded lazily
//   "diagnostics": [ManifestDiagnostic],
//   "entries": [ManifestBundle]         // only with several entry points; then the three lists
//                                       // above are empty and each bundle has its own
// }
//
// Paths are relative to the build's working directory (absWorkingDir), with forward slashes.
// The format only (no analysis types), so that the package's public declarations stop here.
import type { DiagnosticCode } from '../diagnostics.js';

export const MANIFEST_FILE = 'snapshot-restore.manifest.json';
export const MANIFEST_VERSION = 1;

export interface ManifestHook {
  /** The hook's name as the runtime reports it: the function's `name` (`<anonymous>` when it
   *  has none, `bound x` for `x.bind(...)`), or `Class.method` for a decorated method. */
  name: string;
  /** The registered function as written in the source (a decorated method: its name). */
  expression: string;
  /** Source file of the registration. */
  file: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
  kind: 'call' | 'decorator';
}

export interface ManifestLazyModule {
  /** The module that registers hooks. */
  file: string;
  /** The module whose `import()` / `require()` loads it. */
  importer: string;
  /** Where in `importer`, when known. */
  line?: number;
  column?: number;
  kind: 'dynamic-import' | 'require-call';
  /** The hooks it registers, which will not run before the snapshot. */
  hooks: ManifestHook[];
}

export interface ManifestDiagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** The message, starting with `[SRnnn]`. */
  text: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface ManifestBundle {
  entryPoint: string;
  /** The output file, when known. */
  output?: string;
  beforeSnapshot: ManifestHook[];
  afterRestore: ManifestHook[];
  lazy: ManifestLazyModule[];
}

export interface Manifest {
  version: typeof MANIFEST_VERSION;
  generator: 'snapshot-restore';
  entryPoint?: string;
  output?: string;
  beforeSnapshot: ManifestHook[];
  afterRestore: ManifestHook[];
  lazy: ManifestLazyModule[];
  diagnostics: ManifestDiagnostic[];
  entries?: ManifestBundle[];
}
