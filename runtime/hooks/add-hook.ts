// Adding a hook to the registry, with the warning for registrations that come too late.
import { phaseLabel, registry, type PhaseName, type RegisteredHook } from './registry.js';

/** Adds a hook to its phase's list; warns once per call site when the phase has already begun. */
export function addHook(phase: PhaseName, hook: RegisteredHook, publicName: string): void {
  const reg = registry();
  if (reg.started[phase] && !reg.warned.has(hook.site)) {
    reg.warned.add(hook.site);
    // A platform whose phases come back (MicroVMs) says what the late hook missed and when it runs.
    const after =
      reg.lateRegistration?.(phase) ??
      `the ${phaseLabel[phase]} phase began, so this hook can never run in Lambda. Register hooks at module top level (during init), not in the handler or in code it calls.`;
    process.stderr.write(`snapshot-restore: ${publicName}(${hook.name}) at ${hook.site} was called after ${after}\n`);
  }
  reg[phase].push(hook);
}
