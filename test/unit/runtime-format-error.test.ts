// How errors are written to stderr and into Lambda's error bodies.
import { expect, it } from 'vitest';
import { formatError } from '../../runtime/invoke/format-error.js';

it('writes the stack, then each cause', () => {
  const error = new Error('hook failed', { cause: new TypeError('socket closed', { cause: 'ECONNRESET' }) });
  const lines = formatError(error).split('\n');
  expect(lines[0]).toBe('Error: hook failed');
  expect(lines).toContain('Caused by: TypeError: socket closed');
  expect(lines.at(-1)).toBe('Caused by: ECONNRESET');
});

it('stops on a cycle of causes', () => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  const text = formatError(a);
  expect(text.match(/Caused by:/g)).toHaveLength(5);
});

it('writes what was thrown when it is not an Error', () => {
  expect(formatError('disk full')).toBe('disk full');
});
