// Every rule, in code order: the one source of each rule's id, name, default severity, messages,
// suggestions, help and docs link. Reports, `check --help`, the README tables and docs/rules/
// are generated from or tested against this list (test/unit/rules.test.ts).
import type { Rule } from './rule.js';
import { SR001 } from './SR001-registration-in-handler.js';
import { SR002 } from './SR002-registration-at-invoke.js';
import { SR003 } from './SR003-lazy-hook-module.js';
import { SR004 } from './SR004-hook-module-not-bundled.js';
import { SR005 } from './SR005-unresolved-registration.js';
import { SR006 } from './SR006-instance-hook-at-invoke.js';
import { SR007 } from './SR007-no-lifecycle-driver.js';
import { SR101 } from './SR101-random-at-init.js';
import { SR102 } from './SR102-uuid-at-init.js';
import { SR103 } from './SR103-random-bytes-at-init.js';
import { SR104 } from './SR104-id-at-init.js';
import { SR105 } from './SR105-timestamp-at-init.js';
import { SR106 } from './SR106-timer-at-init.js';
import { SR107 } from './SR107-connections-at-init.js';
import { SR108 } from './SR108-static-credentials.js';

export { SR001, SR002, SR003, SR004, SR005, SR006, SR007, SR101, SR102, SR103, SR104, SR105, SR106, SR107, SR108 };

/** The hook-placement rules (SR00x). */
export const HOOK_RULES = [SR001, SR002, SR003, SR004, SR005, SR006, SR007] as const;
/** The uniqueness rules (SR1xx): the JavaScript counterpart of AWS's Java SnapStart bug scanner. */
export const UNIQUENESS_RULES = [SR101, SR102, SR103, SR104, SR105, SR106, SR107, SR108] as const;
export const RULES = [...HOOK_RULES, ...UNIQUENESS_RULES] as const;

export type DiagnosticCode = (typeof RULES)[number]['id'];
export type UniquenessCode = (typeof UNIQUENESS_RULES)[number]['id'];

const byId = new Map<string, Rule>(RULES.map((rule) => [rule.id, rule as Rule]));

/** The rule with this id, or undefined for a code this version does not know. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export function isDiagnosticCode(id: string): id is DiagnosticCode {
  return byId.has(id);
}

/** PascalCase of the rule's name, as SARIF viewers show it: `RegistrationInHandler`. */
export function pascalName(rule: Pick<Rule, 'name'>): string {
  return rule.name
    .split('-')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The rule's metadata as an ESLint rule's `meta` (https://eslint.org/docs/latest/extend/custom-rules):
 * ESLint keeps message and suggestion texts in one `messages` map, with the same `{{name}}`
 * placeholders.
 */
export function eslintMeta(rule: Rule) {
  return {
    type: rule.type,
    docs: { description: rule.title, url: rule.docsUrl, recommended: true },
    messages: { ...rule.messages, ...rule.suggestions },
    hasSuggestions: Object.keys(rule.suggestions).length > 0,
    schema: [],
  };
}
