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
  /** Finding messages, by id; `{{name}}` is filled from the data the check passes. */
  messages: Record<M, string>;
  /** Suggestion texts, by id, the same way. */
  suggestions: Record<S, string>;
  /** The files whose code decides when the rule fires (relative to plugin/core/). */
  checks: string[];
}

export interface Rule<M extends string = string, S extends string = string, I extends Code = Code> extends RuleDefinition<M, S, I> {
  /** The rule's page: docs/rules/<id>.md in the repository. */
  docsUrl: string;
  /** A finding's message, placeholders filled with the (redacted) data. */
  message(id: M, data?: Record<string, string | number>): string;
  /** A suggestion's text, the same way. */
  suggest(id: S, data?: Record<string, string | number>): string;
}

// The rule pages in the repository (package.json `homepage`), which the docs site also builds; the
// package ships docs/rules/ as well. test/integration/docs-code.test.ts checks both ends.
export const DOCS_BASE = 'https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/';

/** Fills `{{name}}` placeholders; every value passes through redact() (it may quote the user's
 *  code, and a connection string there may carry a password). */
export function fill(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, key: string) => {
    if (!(key in data)) throw new Error(`message placeholder {{${key}}} has no value`);
    return redact(String(data[key]));
  });
}

export function defineRule<I extends Code, M extends string, S extends string = never>(definition: RuleDefinition<M, S, I>): Rule<M, S, I> {
  return {
    ...definition,
    docsUrl: `${DOCS_BASE}${definition.id}.md`,
    message: (id, data) => fill(definition.messages[id], data),
    suggest: (id, data) => fill(definition.suggestions[id], data),
  };
}
