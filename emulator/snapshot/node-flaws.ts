// Node.js versions with a flaw that changes what a snapshot clones, in one table: emulate warns
// when the Node running it has one. The entropy-cache flaw: randomUUID()'s and randomInt()'s caches
// of random bytes are saved into startup snapshots and served again by every start from one (on
// Lambda they are cloned in any version: the runtime renews them at each restore). The fixed
// versions are those issue 26 gives (Node's advisory "CVE-2026-106074", October 2026): not
// verified against a published advisory, which the project's sources do not have.
const ENTROPY_CACHE_FIXED: Record<number, string> = { 22: '22.23.4', 24: '24.22.1', 26: '26.12.1' };

function parts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map(Number);
}

function atLeast(version: string, fixed: string): boolean {
  const [a, b] = [parts(version), parts(fixed)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** A warning when `version` (process.version) has the entropy-cache flaw; undefined when it is fixed. */
export function entropyCacheFlaw(version: string): string | undefined {
  const major = parts(version)[0];
  const fixed = ENTROPY_CACHE_FIXED[major];
  const newest = Math.max(...Object.keys(ENTROPY_CACHE_FIXED).map(Number));
  if (major > newest || (fixed !== undefined && atLeast(version, fixed))) return undefined;
  const upgrade = fixed ? `upgrade to ${fixed} or later` : `use a release line with the fix (${Object.values(ENTROPY_CACHE_FIXED).join(', ')})`;
  return `Node ${version} saves crypto.randomUUID()'s and randomInt()'s caches of random bytes into startup snapshots, so emulate's restores would share them: the runtime renews both at each restore, but code that runs before it (another library's restore hook of its own) could draw cached values; ${upgrade}`;
}
