// snapshot-restore/esbuild: the build plugin and the types around it.
export { snapshotRestore, PLUGIN_NAME } from './esbuild-plugin.js';
export { analyzeModule, mentionsAny } from './analyze.js';
export type { HookRegistration, ImportSite, ModuleAnalysis, When } from './analyze.js';
export { DIAGNOSTIC_TITLES, DEFAULT_SEVERITY } from './diagnostics.js';
export type { DiagnosticCode, Finding, FindingNote, Severity, SourceLocation } from './diagnostics.js';
export { MANIFEST_FILE, MANIFEST_VERSION } from './manifest.js';
export type { Manifest, ManifestBundle, ManifestDiagnostic, ManifestHook, ManifestLazyModule } from './manifest.js';
export type { AnalyzeOptions, RuntimeModule, SnapshotRestoreOptions, WrapperModule } from './options.js';
export { predictOrder } from './order.js';
export type { ModuleGraph, Prediction, PlannedHook, LazyModule } from './order.js';
export { checkBuild, decoratorModeFromTsconfig } from './check-build.js';
export type { AnalysisCache, BuildFinding, BuildLocation, BuildMetafile, CheckBuildInput, CheckBuildResult, OutputFormat } from './check-build.js';
export { buildManifest, serializeManifest } from './manifest.js';
export { planHoist, applyHoist } from './hoist.js';
export type { HoistPlan, HoistedImport, HoistedRegistration } from './hoist.js';
export { lintUniqueness } from './uniqueness.js';
export { UNIQUENESS_RULES } from './uniqueness-rules.js';
export type { UniquenessCode, UniquenessRule } from './uniqueness-rules.js';
