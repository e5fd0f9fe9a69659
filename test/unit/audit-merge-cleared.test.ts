// check --run merges the static findings with the audit's: a static finding the run contradicts
// (a connection seen closed by the snapshot point at that line, a module init never loaded) is
// dropped; others stay.
import { describe, expect, it } from 'vitest';
import type { CheckFinding } from '../../cli/report/findings.js';
import { mergeFindings } from '../../cli/report/findings.js';

const finding = (code: string, file: string, line: number): CheckFinding =>
  ({ code, severity: 'warning', message: `${code} at ${file}:${line}`, location: { file, line, column: 0 }, notes: [] }) as unknown as CheckFinding;

describe('mergeFindings with what the run contradicts', () => {
  it('drops a static finding on a line whose connections closed, and every finding of a module never loaded', () => {
    const found = [finding('SR107', 'src/a.ts', 9), finding('SR107', 'src/a.ts', 6), finding('SR106', 'src/a.ts', 9), finding('SR107', 'src/lazy.ts', 5)];
    const merged = mergeFindings(
      found,
      [],
      [
        { file: 'src/a.ts', line: 9, code: 'SR107' },
        { file: 'src/lazy.ts', neverLoaded: true },
      ],
    );
    expect(merged.map((f) => `${f.code} ${f.location?.file}:${f.location?.line}`)).toEqual(['SR107 src/a.ts:6', 'SR106 src/a.ts:9']);
  });

  it('keeps everything when the run contradicts nothing', () => {
    const found = [finding('SR107', 'src/a.ts', 9)];
    expect(mergeFindings(found, [])).toEqual(found);
  });
});
