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
  /** Per canonical name, when the call matches: what the library's source says about its arguments. */
  when?: Record<string, MatchCondition>;
  /** Functions that fill their first argument in place (`randomFillSync(buf)`): the value is kept
   *  where that argument is, whatever happens to the return value. */
  fills?: string[];
}

/**
 * Canonical names: `module.export` through imports, requires and aliases; `name()` is what a call
 * of `name` returns, also through a variable (`const gen = customAlphabet(a, 9); gen()` is a
 * call of `nanoid.customAlphabet()`; `const pool = new Pool(); pool.query()` is
 * `pg.Pool().query`).
 */
export interface MatchCondition {
  /** Only without arguments: `dayjs()` is now, `dayjs('2024-01-01')` is not. */
  noArguments?: true;
  /** Only with arguments: `mongoose.createConnection(uri)` opens, `createConnection()` does not. */
  withArguments?: true;
  /** Only when an object-literal argument sets this option: `sign(p, k, { expiresIn })`. */
  withOption?: string;
  /** Not when an object-literal argument sets this option to true: ioredis `lazyConnect`. */
  unlessOption?: string;
  /** Only when its result is awaited (or `.then`ed): a knex query runs only then. */
  awaited?: true;
  /** Only when the request goes through a keep-alive agent: its `agent` option is made by one of
   *  these constructors (`'always'`, or `'option'`: with `keepAlive: true`), or is absent (Node's
   *  global agents keep sockets alive since Node 19); `agent: false` or another agent: no match. */
  keepAliveAgent?: Record<string, 'always' | 'option'>;
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
  /** SR108: what an awaited call at init resolved (`the credentials`, `the secret`). */
  resolved?: string;
  /** The whole expression kept, when the call is part of it (`new Date().toISOString()`): what a
   *  hook must assign again. */
  value?: string;
  /** `fill` for an in-place fill (SR103): the value is kept in the argument. */
  via?: 'fill';
}

export interface UniquenessRule<I extends Code = Code> extends Rule<string, string, I> {
  match: UniquenessMatch;
  /** The finding's message and suggestion. */
  describe(found: UniquenessFinding): { message: string; suggestion: string };
}

export function whereText(found: UniquenessFinding): string {
  return found.phase === 'init' ? 'runs at init' : 'runs in a before-snapshot hook';
}

export function keptText(found: UniquenessFinding): string {
  return found.kept ? `, kept in \`${found.kept}\`,` : '';
}

/** A place the suggestion can assign to in code: a plain name or property path. */
export function assignable(found: UniquenessFinding): string | undefined {
  return found.kept && /^[\w$.#]+$/.test(found.kept) ? found.kept : undefined;
}

/** The common suggestion of the value rules (SR101-SR105): compute it in the handler, or renew it
 *  after the restore. Each rule module gives the templates `renew` and `renewHook`. The hook
 *  assigns the whole expression kept, and a `const` must become a `let` for that. */
export function renewSuggestion(rule: Rule, found: UniquenessFinding, call = found.value ?? found.call): string {
  const target = assignable(found);
  return target ? rule.suggest('renew', { target, call }) + constNote(found) : rule.suggest('renewHook');
}

/** Said when the suggested hook assigns a variable declared `const`. */
export function constNote(found: UniquenessFinding): string {
  // Written as an edit the user (or a tool) can apply: the hook's assignment is then valid code.
  return found.declaration === 'const' && assignable(found) ? ` (first change \`const ${found.kept}\` to \`let ${found.kept}\`, so that the hook can assign it)` : '';
}

export const IGNORE_HELP = (code: string) => `\`// snapshot-restore-ignore ${code}\` on the line silences one finding.`;
