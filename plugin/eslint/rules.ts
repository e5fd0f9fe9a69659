// The ESLint rules: one per per-module rule of the core (rules/), with that rule's meta (docs
// link, messages), reporting the core's own findings with the build's own text. The rules that
// need the whole module graph stay build-time (see BUILD_TIME_RULES).
import type { Rule } from 'eslint';
import { eslintMeta, HOOK_RULES, UNIQUENESS_RULES } from '../core/rules/index.js';
import type { Rule as CoreRule } from '../core/rules/rule.js';
import { formatText } from '../core/diagnostics.js';
import { findingsOf } from './analysis.js';
import { hoistFix, hoistable } from './fix.js';

/**
 * Codes that only a build can check, and why:
 * - SR003 (a hook module loaded lazily) needs to know what the `import()` / `require()` target
 *   registers, which is another file, resolved as the bundler resolves it;
 * - SR004 (a hook module not in the bundle) needs the set of files the bundler included;
 * - SR007 (nothing drives the lifecycle) needs the bundle's output format and every module in it.
 */
export const BUILD_TIME_RULES = ['SR003', 'SR004', 'SR007'] as const;

const LINTED = [...HOOK_RULES.filter((rule) => !(BUILD_TIME_RULES as readonly string[]).includes(rule.id)), ...UNIQUENESS_RULES] as CoreRule[];

function eslintRule(rule: CoreRule): Rule.RuleModule {
  const fixable = rule.id === 'SR001';
  return {
    meta: { ...eslintMeta(rule), ...(fixable ? { fixable: 'code' as const } : {}) } as Rule.RuleMetaData,
    create(context) {
      return {
        Program() {
          const file = findingsOf(context);
          const source = context.sourceCode.text;
          for (const finding of file.findings) {
            if (finding.code !== rule.id || !finding.location) continue;
            const { line, column, length } = finding.location;
            const item = fixable ? hoistable(file.plan(), finding.location) : undefined;
            context.report({
              message: formatText(finding),
              loc: { start: { line, column }, end: { line, column: column + length } },
              ...(item ? { fix: hoistFix(source, item) } : {}),
            });
          }
        },
      };
    },
  };
}

/** Rules by ESLint name (the core rule's kebab-case name): `registration-in-handler`, ... */
export const rules: Record<string, Rule.RuleModule> = Object.fromEntries(LINTED.map((rule) => [rule.name, eslintRule(rule)]));

/** The core rule behind each ESLint rule name. */
export const ruleCodes: Record<string, string> = Object.fromEntries(LINTED.map((rule) => [rule.name, rule.id]));

/** Severity in the recommended config: the rule's default (a definite bug is an error). */
export const recommendedRules: Record<string, 'error' | 'warn'> = Object.fromEntries(
  LINTED.map((rule) => [`snapshot-restore/${rule.name}`, rule.defaultSeverity === 'error' ? 'error' : 'warn']),
);
