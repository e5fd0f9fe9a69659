// Compares the build's manifest (snapshot-restore.manifest.json, written by the esbuild plugin
// beside the bundle) with what really registered, and warns about hooks the build saw but the
// runtime never got: a module that was not loaded, or a registration that did not happen.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { phaseLabel, registry, type PhaseName } from '../hooks/registry.js';

export const MANIFEST_FILE = 'snapshot-restore.manifest.json';

interface ManifestHook {
  name: string;
  file: string;
  line: number;
  column: number;
}

type HookLists = Partial<Record<PhaseName, ManifestHook[]>> & { output?: string };

interface Manifest extends HookLists {
  /** Several entry points: one set of lists per output file. */
  entries?: HookLists[];
}

/** The lists that describe `bundle`, or undefined when the manifest is about other files. */
function listsFor(manifest: Manifest, bundle: string): HookLists | undefined {
  const matches = (lists: HookLists) => lists.output === undefined || basename(lists.output) === basename(bundle);
  if (manifest.entries) return manifest.entries.find((entry) => entry.output !== undefined && matches(entry));
  // Functions built into one folder share one manifest name: skip one written for another bundle.
  return matches(manifest) ? manifest : undefined;
}

/** Returns the warning it printed, or undefined when everything the build saw registered. */
export function checkManifest(bundle: string): string | undefined {
  const path = join(dirname(bundle), MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let lists: HookLists | undefined;
  try {
    lists = listsFor(JSON.parse(readFileSync(path, 'utf8')), bundle);
  } catch (error) {
    return warn(`could not read ${path}: ${(error as Error).message}`);
  }
  if (!lists) return undefined;
  const missing: string[] = [];
  for (const phase of ['beforeSnapshot', 'afterRestore'] as const) {
    const expected = lists[phase] ?? [];
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
