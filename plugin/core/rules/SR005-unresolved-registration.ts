// SR005: a registration the analysis cannot resolve (a computed callee, the register function
// passed around as a value, code whose timing it cannot follow), or a file it cannot parse.
// Saying so, rather than guessing, is the point: a file that is not analysed is never silent.
import { defineRule } from './rule.js';

export const SR005 = defineRule({
  id: 'SR005',
  name: 'unresolved-registration',
  title: 'a registration the analysis cannot resolve',
  defaultSeverity: 'warning',
  type: 'problem',
  help: 'The analysis could not tell which function is registered or when the registration runs (a computed callee, a file that does not parse). Write the registration as a direct call at module top level so it can be checked.',
  messages: {
    unknownTiming: 'cannot tell when `{{written}}` runs, so its hook may never run. Why: {{reason}}',
    unresolved: 'cannot resolve a registration, so its hook may never run. Why: {{reason}}',
    unparsed: 'could not analyse {{file}}: its registrations are not checked. The parser says: {{error}}',
    unparsedLint: 'could not analyse {{file}}: the uniqueness lint did not check it. The parser says: {{error}}; SR101-SR108 need the parsed code',
  },
  suggestions: {
    registerAtTop: 'register hooks at module top level, or in a function that module top level calls',
    callDirectly: 'call `{{label}}(fn)` directly',
    callDirectlyOrList: 'call `{{label}}(fn)` directly, or list the module that wraps it in the `modules` option',
    namespaceCall: 'write `{{label}}.registerBeforeSnapshot(fn)` or `{{label}}.registerAfterRestore(fn)`',
    importByName: 'import `registerBeforeSnapshot` / `registerAfterRestore` by name where they are called',
    plainCode: 'register hooks in plain code at module top level',
  },
  checks: ['module/analyze.ts', 'module/imports.ts', 'build/check-build.ts'],
});
