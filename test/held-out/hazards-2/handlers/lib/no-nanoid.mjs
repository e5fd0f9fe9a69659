// A local module that happens to export a function named like nanoid's; it draws nothing.
export function nanoid() {
  return 'fixed-id'; // expect: none (no randomness: a constant)
}
export const bootId = nanoid(); // expect: none (a local function returning a constant, not the nanoid library)
