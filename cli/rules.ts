// The documentation of each diagnostic code, as SARIF rules and `check --help` show it. The
// titles and default severities come from the plugin, so codes it adds (SR1xx) appear here
// with at least their title; the longer help below covers the codes known when this was written.
import { DEFAULT_SEVERITY, DIAGNOSTIC_TITLES } from '../plugin/index.js';

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
