// The one fix the ESLint plugin makes on its own: moving a registration out of the handler to
// module top level, exactly when the build's hoisting would (hoist/plan.ts decides: a plain
// statement of the handler's body whose arguments use only module-level names and literals).
// Everything else gets the message and its suggestion text, and no automatic change.
import type { Rule } from 'eslint';
import type { HoistPlan, HoistedRegistration } from '../core/hoist/plan.js';
import type { SourceLocation } from '../core/diagnostics.js';

export function hoistable(plan: HoistPlan, location: SourceLocation): HoistedRegistration | undefined {
  const item = plan.registrations.find((r) => r.location.line === location.line && r.location.column === location.column);
  return item?.hoisted && item.insertAt !== undefined ? item : undefined;
}

/** The statement removed from the handler (with its line when it stands alone) and added after the handler's statement. */
export function hoistFix(source: string, item: HoistedRegistration): Rule.ReportFixer {
  let start = item.start;
  let end = item.end;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = source.indexOf('\n', end);
  if (/^[ \t]*$/.test(source.slice(lineStart, start)) && /^[ \t]*$/.test(source.slice(end, lineEnd < 0 ? source.length : lineEnd))) {
    start = lineStart;
    end = lineEnd < 0 ? source.length : lineEnd + 1;
  }
  const text = item.text.trim();
  const statement = text.endsWith(';') ? text : `${text};`;
  const at = item.insertAt!;
  return (fixer) => [fixer.removeRange([start, end]), fixer.insertTextAfterRange([at, at], `\n${statement}`)];
}
