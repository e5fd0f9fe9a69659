// The rules as SARIF and `check --help` show them: straight from the rule modules
// (plugin/core/rules/). A code this CLI does not know (a newer plugin's) gets a rule made from
// the code alone.
import { RULES, pascalName, ruleById } from '../../plugin/core/index.js';

export interface Rule {
  id: string;
  /** PascalCase, as SARIF viewers show it. */
  name: string;
  title: string;
  help: string;
  defaultLevel: 'error' | 'warning';
  /** The rule's docs page. */
  helpUri?: string;
}

/** The rule for a code; unknown codes (newer plugin) get a rule made from the code alone. */
export function ruleFor(code: string): Rule {
  const rule = ruleById(code);
  if (!rule) {
    const title = `snapshot-restore diagnostic ${code}`;
    return { id: code, name: `Diagnostic${code}`, title, help: `${title}. See the snapshot-restore README for ${code}.`, defaultLevel: 'warning' };
  }
  return { id: rule.id, name: pascalName(rule), title: rule.title, help: rule.help, defaultLevel: rule.defaultSeverity, helpUri: rule.docsUrl };
}

/** Every code the plugin knows, in order. */
export function allRules(): Rule[] {
  return RULES.map((rule) => ruleFor(rule.id));
}
