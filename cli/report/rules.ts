// The documentation of each diagnostic code, as SARIF rules and `check --help` show it. The
// titles and default severities come from the plugin, so a code it adds appears here with at
// least its title; the uniqueness rules (SR1xx) bring their own explanation.
import { DEFAULT_SEVERITY, DIAGNOSTIC_TITLES, UNIQUENESS_RULES } from '../../plugin/core/index.js';

export interface Rule {
  id: string;
  /** PascalCase, as SARIF viewers show it. */
  name: string;
  title: string;
  help: string;
  defaultLevel: 'error' | 'warning';
}

const HELP: Record<string, string> = {
  SR001:
    'A hook registered inside the handler is registered at invoke time, after the snapshot was taken, so it never runs. Register it at module top level, where init code runs before the snapshot.',
  SR002:
    'The registration is in a function that only the handler calls, so it runs at invoke time, after the snapshot, and the hook never runs. Call it from module top level instead.',
  SR003:
    'A module that registers hooks is loaded with `import()` or `require()` from the handler (or from code whose timing is unknown), so its registrations happen after the snapshot. Import it statically at module top level.',
  SR004:
    'A source file that registers hooks is not part of the bundle (nothing imports it, or the bundler dropped it as side-effect free), so its hooks never register. Import it from the handler module, or list it under "sideEffects".',
  SR005:
    'The analysis could not tell which function is registered or when the registration runs (a computed callee, a file that does not parse). Write the registration as a direct call at module top level so it can be checked.',
  SR006:
    'An instance-method hook registers each time the class is constructed; when that happens inside the handler the hook registers after the snapshot and never runs. Construct the instance at module top level, or use a static method.',
  SR007:
    'Hooks are registered, but nothing drives the SnapStart lifecycle: an ES module bundle must end with `await snapStart()` from `snapshot-restore/lambda`; a CommonJS bundle needs the `snapshot-restore/bootstrap` custom runtime.',
};

// How each uniqueness finding is fixed, after the rule's own explanation of what is shared.
const UNIQUENESS_FIX: Record<string, string> = {
  SR106: 'Arm the timer in an after-restore hook and clear it in a before-snapshot hook.',
  SR107: 'Close it in a before-snapshot hook and open it again in an after-restore hook, or create it in the handler on first use.',
  SR108: "Let the AWS SDK's default credential provider chain find credentials; do not read the key variables.",
};
for (const rule of UNIQUENESS_RULES) {
  const what = rule.code === 'SR108' ? 'Reading static AWS credentials from the environment' : `${rule.title[0]!.toUpperCase()}${rule.title.slice(1)}`;
  HELP[rule.code] =
    `${what}: everything in memory at the snapshot is cloned into every restored environment, so ${rule.why}. ` +
    (UNIQUENESS_FIX[rule.code] ?? 'Compute the value in the handler, or renew it in an after-restore hook.') +
    ' `// snapshot-restore-ignore ' + rule.code + '` on the line silences one finding.';
}

function pascalCase(title: string): string {
  return title
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** The rule for a code; unknown codes (newer plugin) get a rule made from the code alone. */
export function ruleFor(code: string): Rule {
  const titles = DIAGNOSTIC_TITLES as Record<string, string>;
  const levels = DEFAULT_SEVERITY as Record<string, 'error' | 'warning'>;
  const title = titles[code] ?? `snapshot-restore diagnostic ${code}`;
  return {
    id: code,
    name: pascalCase(title),
    title,
    help: HELP[code] ?? `${title[0]!.toUpperCase()}${title.slice(1)}. See the snapshot-restore README for ${code}.`,
    defaultLevel: levels[code] ?? 'warning',
  };
}

/** Every code the plugin knows, in order. */
export function allRules(): Rule[] {
  return Object.keys(DIAGNOSTIC_TITLES).sort().map(ruleFor);
}
