// The table of Node versions with the entropy-cache flaw: emulate warns below each line's fixed
// version, and not from it on; lines without a fix (20, odd releases) and older ones warn.
import { describe, expect, it } from 'vitest';
import { entropyCacheFlaw } from '../../emulator/snapshot/node-flaws.js';

describe('entropyCacheFlaw', () => {
  it.each([
    ['v22.23.3', true],
    ['v22.23.4', false],
    ['v22.24.0', false],
    ['v24.22.0', true],
    ['v24.22.1', false],
    ['v25.9.0', true],
    ['v26.12.0', true],
    ['v26.12.1', false],
    ['v27.0.0', false],
    ['v20.20.2', true],
  ])('%s: warns %s', (version, warns) => {
    const warning = entropyCacheFlaw(version);
    expect(warning !== undefined).toBe(warns);
    if (warning) expect(warning).toContain(version);
  });

  it('names the version to upgrade to on a line with a fix', () => {
    expect(entropyCacheFlaw('v24.1.0')).toContain('upgrade to 24.22.1 or later');
  });
});
