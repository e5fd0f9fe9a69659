// The shape of a rule module: everything a rule says about itself, in one place. The findings'
// text, the SARIF rules, `check --help`, the README tables and docs/rules/ all come from (or are
// tested against) these modules. The fields map one to one onto an ESLint rule's `meta`
// (see eslintMeta in ./index.ts): messages are templates with `{{name}}` placeholders.
import { redact } from './redact.js';

export type Code = `SR${number}`;
export type DefaultSeverity = 'error' | 'warning';

export interface RuleDefinition<M extends string, S extends string, I extends Code = Code> {
  /** `SR001`: stable, searchable, what `severity` and `// snapshot-restore-ignore` name. */
  id: I;
  /** kebab-case, as an ESLint rule name: `registration-in-handler`. */
  name: string;
  /** One line, lower case: what the rule finds. */
  title: string;
  /** 'error' for a definite bug (the hook can never run), 'warning' for a likely hazard. */
  defaultSeverity: DefaultSeverity;
  /** ESLint's meta.type: 'problem' (code that will misbehave) or 'suggestion'. */
  type: 'problem' | 'suggestion';
  /** A paragraph: why it matters and how to fix it (SARIF fullDescription, `--help`, docs). */
  help: string;
  /** Finding messages, by id; `{{name}}` is filled from the data the check passes. The first
   *  sentence (up to the first `. `) says what and where, short enough for an editor's hover
   *  (FIRST_SENTENCE_MAX); the sentences after it, the details. */
  messages: Record<M, string>;
  /** Suggestion texts, by id, the same way. */
  suggestions: Record<S, string>;
  /** The files whose code decides when the rule fires (relative to plugin/core/). */
  checks: string[];
}

export interface Rule<M extends string = string, S extends string = string, I extends Code = Code> extends RuleDefinition<M, S, I> {
  /** The rule's page: docs/rules/<id>.md in the repository. */
  docsUrl: string;
  /** A finding's message, placeholders filled with the (redacted) data, the first sentence
   *  within FIRST_SENTENCE_MAX, and the rule page's address at the end. */
  message(id: M, data?: Record<string, string | number>): string;
  /** A suggestion's text, the same way. */
  suggest(id: S, data?: Record<string, string | number>): string;
}

// The rule pages in the repository (package.json `homepage`), which the docs site also builds; the
// package ships docs/rules/ as well. test/integration/docs-code.test.ts checks both ends.
export const DOCS_BASE = 'https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/';

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; every value passes through redact() (it may quote the user's
 *  code, and a connection string there may carry a password). */
export function fill(template: string, data: Record<string, string | number> = {}, shown: (key: string, value: string) => string = (_key, value) => value): string {
  return template.replace(PLACEHOLDER, (_whole, key: string) => {
    if (!(key in data)) throw new Error(`message placeholder {{${key}}} has no value`);
    return shown(key, redact(String(data[key])));
  });
}

/** The longest first sentence of a message, with its `[SRnnn] ` prefix and its full stop: what an
 *  editor's hover shows without scrolling. */
export const FIRST_SENTENCE_MAX = 100;

/** The first sentence of a message or template: up to the first `. ` outside backticks. */
export function firstSentence(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') quoted = !quoted;
    else if (!quoted && text[i] === '.' && (i === text.length - 1 || text[i + 1] === ' ')) return text.slice(0, i + 1);
  }
  return text;
}

/** `value` cut to `room` characters with an ellipsis: a path keeps its end, code its start, and
 *  backtick quotes stay paired. */
function shorten(value: string, room: number): string {
  if (value.length <= room) return value;
  if (/^[^\s()`]*\/[^\s()`]*$/.test(value)) return `…${value.slice(value.length - Math.max(0, room - 1))}`;
  const odd = (text: string) => (text.match(/`/g)?.length ?? 0) % 2 === 1;
  const cut = value.slice(0, Math.max(0, room - 1));
  if (!odd(cut)) return `${cut}…`;
  const shorter = value.slice(0, Math.max(0, room - 2));
  return odd(shorter) ? `${shorter}…\`` : `${shorter}…`;
}

/**
 * A finding's message from its template: the first sentence with the values it quotes shortened
 * until `[code] ` + the sentence + its full stop fit FIRST_SENTENCE_MAX (the shorter values are
 * kept whole, the longer ones share what is left), the details, the values shortened there in full,
 * then the rule page.
 */
export function findingMessage(code: Code, template: string, data: Record<string, string | number>, docsUrl: string): string {
  const head = firstSentence(template).replace(/\.$/, '');
  const rest = template.slice(head.length).replace(/^\.\s*/, '');
  const values = new Map<string, string>();
  for (const [, key] of head.matchAll(PLACEHOLDER)) {
    if (!(key! in data)) throw new Error(`message placeholder {{${key}}} has no value`);
    values.set(key!, redact(String(data[key!])));
  }
  let room = FIRST_SENTENCE_MAX - `[${code}] `.length - '.'.length - head.replace(PLACEHOLDER, '').length;
  const uses = (key: string) => head.match(new RegExp(`\\{\\{\\s*${key}\\s*\\}\\}`, 'g'))!.length;
  const allowed = new Map<string, number>();
  const byLength = [...values].sort((a, b) => a[1].length * uses(a[0]) - b[1].length * uses(b[0]));
  let left = byLength.reduce((sum, [key]) => sum + uses(key), 0);
  for (const [key, value] of byLength) {
    const share = Math.max(1, Math.floor(room / left));
    const length = Math.min(value.length, share);
    allowed.set(key, length);
    room -= length * uses(key);
    left -= uses(key);
  }
  const cut: string[] = [];
  const first = fill(head, data, (key, value) => {
    const shown = shorten(value, allowed.get(key) ?? value.length);
    if (shown !== value) cut.push(head.includes(`\`{{${key}}}\``) ? `\`${value}\`` : value);
    return shown;
  });
  const details = rest ? ` ${fill(rest, data).replace(/\.?$/, '.')}` : '';
  const whole = cut.length > 0 ? ` In full: ${cut.join(', ')}.` : '';
  return `${first}.${details}${whole} Rule page: ${docsUrl}`;
}

export function defineRule<I extends Code, M extends string, S extends string = never>(definition: RuleDefinition<M, S, I>): Rule<M, S, I> {
  return {
    ...definition,
    docsUrl: `${DOCS_BASE}${definition.id}.md`,
    message: (id, data) => findingMessage(definition.id, definition.messages[id], data ?? {}, `${DOCS_BASE}${definition.id}.md`),
    suggest: (id, data) => fill(definition.suggestions[id], data),
  };
}
