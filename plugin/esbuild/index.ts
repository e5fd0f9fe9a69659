// snapshot-restore-tools/esbuild: the build plugin and the types of its options and manifest. The
// analysis behind it (plugin/core) is not API: the CLI, the other adapters and the tests import
// plugin/core directly.
export { snapshotRestore } from './plugin.js';
export type { SnapshotRestoreOptions, WrapperModule } from '../core/options.js';
export type { DiagnosticCode, Severity } from '../core/diagnostics.js';
export type { Manifest, ManifestBundle, ManifestDiagnostic, ManifestHook, ManifestLazyModule } from '../core/build/manifest-format.js';
