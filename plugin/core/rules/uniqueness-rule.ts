// What the uniqueness rules (SR1xx) share: the calls each one matches (its match table, read by
// module/uniqueness.ts through uniqueness-match.ts), and the words of a finding, built from what
// the check found (the call, where it runs, where its value is kept).
import type { Code, Rule } from './rule.js';

export interface UniquenessMatch {
  /** Canonical names (`crypto.randomUUID`, `uuid.v4`) of the functions the rule matches when called... */
  calls?: string[];
  /** ...and of the constructors it matches with `new`. */
  constructs?: string[];
  /** Whether the value must be kept somewhere to matter (a discarded timestamp is harmless; a
   *  timer or a socket is state by itself). */
  needsStore: boolean;
}

/** What the check found, for the message and the suggestion. */
export interface UniquenessFinding {
  /** The call as written, shortened (`randomUUID()`, `new Pool(...)`). */
  call: string;
  /** Where it runs before the snapshot. */
  phase: 'init' | 'before-snapshot';
  /** The variable or property the value is kept in, as written (`requestId`, `this.pool`). */
  kept?: string;
  /** How that variable is declared, when it is one: `const` cannot be assigned again. */
  declaration?: 'const' | 'let' | 'var' | 'other';
  /** The matched canonical name (`setInterval`, `pg.Pool`). */
  canonical: string;
  /** SR102: whether randomUUID's entropy cache is cloned too. */
  entropyCache: boolean;
  /** SR108: the environment variable read. */
  variable?: string;
}

export interface UniquenessRule<I extends Code = Code> extends Rule<string, string, I> {
  match: UniquenessMatch;
  /** The finding's message and suggestion. */
  describe(found: UniquenessFinding): { message: string; suggestion: string };
}

export function whereText(found: UniquenessFinding): string {
  return found.phase === 'init' ? 'runs at init, before the snapshot' : 'runs in a before-snapshot hook';
}

export function keptText(found: UniquenessFinding): string {
  return found.kept ? `, kept in \`${found.kept}\`,` : '';
}

/** A place the suggestion can assign to in code: a plain name or property path. */
export function assignable(found: UniquenessFinding): string | undefined {
  return found.kept && /^[\w$.#]+$/.test(found.kept) ? found.kept : undefined;
}

/** The common suggestion of the value rules (SR101-SR105): compute it in the handler, or renew it
 *  after the restore. Each rule module gives the templates `renew` and `renewHook`. */
export function renewSuggestion(rule: Rule, found: UniquenessFinding, call = found.call): string {
  const target = assignable(found);
  return target ? rule.suggest('renew', { target, call }) : rule.suggest('renewHook');
}

export const IGNORE_HELP = (code: string) => `\`// snapshot-restore-ignore ${code}\` on the line silences one finding.`;
