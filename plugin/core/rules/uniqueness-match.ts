// How module/uniqueness.ts finds the rule for a call. Each uniqueness rule (SR1xx, one module
// each) names the calls it matches, by a canonical dotted name computed through imports,
// requires and aliases (`crypto.randomUUID`, `uuid.v4`, `pg.Pool`); this file holds the
// naming, the cheap string check before parsing, and the lookup tables built from the rules.
import { UNIQUENESS_RULES, type UniquenessCode } from './index.js';
import type { UniquenessRule } from './uniqueness-rule.js';

export { CREDENTIAL_VARIABLES } from './SR108-static-credentials.js';
export type { UniquenessCode } from './index.js';
export type { UniquenessRule } from './uniqueness-rule.js';

/** Module specifiers as the rules name them: `node:` dropped, entry points folded together. */
export function canonicalModule(specifier: string): string {
  // Per-method modules are named without their extension (`lodash/random.js` is `lodash/random`).
  const bare = specifier.replace(/^node:/, '').replace(/^((?:@[^/]+\/)?[^/]+\/.+)\.[cm]?js$/, '$1');
  if (bare === 'mysql2/promise') return 'mysql2';
  if (bare === 'lodash-es' || bare.startsWith('lodash-es/')) return bare.replace('lodash-es', 'lodash');
  if (bare === 'crypto/webcrypto') return 'crypto';
  if (bare.startsWith('uuid/')) return 'uuid';
  return bare;
}

/** Names that mean the same thing: the global web crypto and node:crypto share their API;
 *  perf_hooks and timers export the globals. */
export function canonicalName(name: string): string {
  return name
    .replace(/^(?:globalThis|global|self|window)\./, '')
    .replace(/^crypto\.webcrypto\./, 'crypto.')
    .replace(/^perf_hooks\.performance\b/, 'performance')
    .replace(/^timers\.(setInterval|setTimeout)$/, '$1');
}

const byCall = new Map<string, UniquenessRule>();
const byConstruct = new Map<string, UniquenessRule>();
for (const rule of UNIQUENESS_RULES as readonly UniquenessRule[]) {
  for (const name of rule.match.calls ?? []) byCall.set(name, rule);
  for (const name of rule.match.constructs ?? []) byConstruct.set(name, rule);
}

/** The package a canonical name comes from (`@prisma/client.PrismaClient()` → `@prisma/client`). */
function packageOf(name: string): string {
  const match = /^(@[^/.()]+\/[^/.()]+|[^/.()@]+)/.exec(name);
  return match ? match[1]! : name;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const packages = [...new Set([...byCall.keys(), ...byConstruct.keys()].map(packageOf))].filter((name) => /^[@a-z]/.test(name)).sort();

/**
 * The cheap check before parsing: every call a rule matches is written with one of these
 * (aliases included: `const r = Math.random`, `import { v4 } from 'uuid'`), or imports one of the
 * packages the tables name; the shape checks (module/init-work.ts) need an `await` or an import
 * of a library (other than the AWS SDK, which they leave alone). Matching a pattern rather than a loose word (`Client`, `Date`) keeps
 * files that merely mention one unparsed: every AWS SDK user's module says `Client`.
 */
export const UNIQUENESS_PREFILTER = new RegExp(
  String.raw`\bawait\b|\.then\s*\(|(?:\bfrom|\brequire\s*\()\s*['"](?!@aws-sdk\/|@smithy\/|snapshot-restore)[@a-z]|Math\.random|random(?:UUID|Bytes|Int|Fill|FillSync)\b|pseudoRandomBytes|getRandomValues|\bDate\b|\bnow\s*\(|hrtime|setInterval|setTimeout|\bfetch\s*\(|WebSocket|connect\b|createConnection|AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)|['"](?:node:)?(?:` +
    packages.map(escapeRegExp).join('|') +
    `)['"/]`,
);

export function ruleForCall(name: string): UniquenessRule | undefined {
  return byCall.get(name);
}

export function ruleForConstruct(name: string): UniquenessRule | undefined {
  return byConstruct.get(name);
}

export function ruleOf(code: UniquenessCode): UniquenessRule {
  return (UNIQUENESS_RULES as readonly UniquenessRule[]).find((r) => r.id === code)!;
}
