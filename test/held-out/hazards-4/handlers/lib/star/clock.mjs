// Re-exported through `export *` but its hazards are inside functions nobody calls at init.
export function startedAt() {
  return Date.now(); // expect: none (only called from the handler)
}
export const BUILD = '2024.06.1'; // expect: none (a constant)
