// Builds the manifest (its format: manifest-format.ts) from the predicted hook order.
import type { HookRegistration } from '../module/analyze.js';
import type { Prediction } from './order.js';
import { MANIFEST_VERSION, type Manifest, type ManifestBundle, type ManifestDiagnostic, type ManifestHook } from './manifest-format.js';

export { MANIFEST_FILE, MANIFEST_VERSION } from './manifest-format.js';
export type { Manifest, ManifestBundle, ManifestDiagnostic, ManifestHook, ManifestLazyModule } from './manifest-format.js';

export type RelativePath = (file: string) => string;

function hookOf(registration: HookRegistration, relative: RelativePath): ManifestHook {
  return {
    name: registration.name,
    expression: registration.expression,
    file: relative(registration.location.file),
    line: registration.location.line,
    column: registration.location.column,
    kind: registration.kind,
  };
}

export function bundleOf(entryPoint: string, output: string | undefined, prediction: Prediction, relative: RelativePath): ManifestBundle {
  return {
    entryPoint,
    ...(output ? { output } : {}),
    beforeSnapshot: prediction.beforeSnapshot.map((h) => hookOf(h.registration, relative)),
    afterRestore: prediction.afterRestore.map((h) => hookOf(h.registration, relative)),
    lazy: prediction.lazy.map((lazy) => ({
      file: lazy.module,
      importer: lazy.importer,
      ...(lazy.site ? { line: lazy.site.location.line, column: lazy.site.location.column } : {}),
      kind: lazy.kind,
      hooks: lazy.registrations.map((r) => hookOf(r, relative)),
    })),
  };
}

export function buildManifest(bundles: ManifestBundle[], diagnostics: ManifestDiagnostic[]): Manifest {
  const base = { version: MANIFEST_VERSION, generator: 'snapshot-restore' } as const;
  if (bundles.length === 1) {
    const [only] = bundles;
    return { ...base, ...only!, diagnostics };
  }
  return { ...base, beforeSnapshot: [], afterRestore: [], lazy: [], diagnostics, entries: bundles };
}

/** The manifest as written: stable key order, two-space indent, trailing newline. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
