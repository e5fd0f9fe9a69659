// The plugin's core: the bundler-neutral analysis every adapter (esbuild, ESLint, unplugin) and the CLI use.
export { analyzeModule, mentionsAny } from './module/analyze.js';
export type { HookRegistration, ImportSite, ModuleAnalysis, When } from './module/analyze.js';
export { DIAGNOSTIC_TITLES, DEFAULT_SEVERITY } from './diagnostics.js';
export type { DiagnosticCode, Finding, FindingNote, Severity, SourceLocation } from './diagnostics.js';
export { MANIFEST_FILE, MANIFEST_VERSION } from './build/manifest.js';
export type { Manifest, ManifestBundle, ManifestDiagnostic, ManifestHook, ManifestLazyModule } from './build/manifest.js';
export type { AnalyzeOptions, RuntimeModule, SnapshotRestoreOptions, WrapperModule } from './options.js';
export { predictOrder } from './build/order.js';
export type { ModuleGraph, Prediction, PlannedHook, LazyModule } from './build/order.js';
export { checkBuild } from './build/check-build.js';
export { decoratorModeFromTsconfig, type DecoratorMode } from './build/tsconfig.js';
export type { AnalysisCache, BuildFinding, BuildLocation, BuildMetafile, CheckBuildInput, CheckBuildResult, OutputFormat } from './build/check-build.js';
export { buildManifest, serializeManifest } from './build/manifest.js';
export { planHoist, applyHoist } from './hoist/plan.js';
export type { HoistPlan, HoistedImport, HoistedRegistration } from './hoist/plan.js';
export { lintUniqueness } from './module/uniqueness.js';
export { UNIQUENESS_RULES } from './rules/uniqueness-rules.js';
export type { UniquenessCode, UniquenessRule } from './rules/uniqueness-rules.js';
