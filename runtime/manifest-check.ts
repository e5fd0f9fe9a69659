// Compares the build's manifest (snapshot-restore.manifest.json, written by the esbuild plugin
// beside the bundle) with what really registered, and warns about hooks the build saw but the
// runtime never got: a module that was not loaded, or a registration that did not happen.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { phaseLabel, registry, type PhaseName } from './registry.js';

export const MANIFEST_FILE = 'snapshot-restore.manifest.json';

interface ManifestHook {
  name: string;
  file: string;
  line: number;
  column: number;
}

/** Returns the warning it printed, or undefined when everything the build saw registered. */
export function checkManifest(dir: string): string | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let manifest: Partial<Record<PhaseName, ManifestHook[]>>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return warn(`could not read ${path}: ${(error as Error).message}`);
  }
  const missing: string[] = [];
  for (const phase of ['beforeSnapshot', 'afterRestore'] as const) {
    const expected = manifest[phase] ?? [];
    const registered = registry()[phase];
    // Minifiers rename functions, so only a shortfall in the count is trusted; names tell which.
    if (registered.length >= expected.length) continue;
    const names = registered.map((hook) => hook.name);
    for (const hook of expected) {
      const found = names.indexOf(hook.name);
      if (found >= 0) names.splice(found, 1);
      else missing.push(`${phaseLabel[phase]} hook ${hook.name} (${hook.file}:${hook.line}:${hook.column})`);
    }
  }
  if (missing.length === 0) return undefined;
  return warn(
    `the build saw ${missing.length === 1 ? 'a hook' : `${missing.length} hooks`} that never registered: ${missing.join(', ')}. ` +
      'Check that their modules are imported at top level and that nothing skips the registration.',
  );
}

function warn(text: string): string {
  process.stderr.write(`snapshot-restore: ${text}\n`);
  return text;
}
