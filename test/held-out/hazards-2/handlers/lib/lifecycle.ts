// A project's own lifecycle module: re-exports the runtime's registrations under other names and wraps them.
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export { registerAfterRestore as onRestore, registerBeforeSnapshot as onSnapshot };

export function renewable<T>(make: () => T, close: (value: T) => unknown): { current: T } {
  const box = { current: make() };
  registerBeforeSnapshot(() => close(box.current));
  registerAfterRestore(() => {
    box.current = make();
  });
  return box;
}
