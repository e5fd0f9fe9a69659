// The X-Ray error cause Lambda reads from `Lambda-Runtime-Function-XRay-Error-Cause` on an
// invocation error (the official client sends it too): the working directory, the exception with
// its parsed stack frames, and the files they name. Never throws; '' when there is nothing to say.
import { errorParts, isError } from '../invoke/format-error.js';

interface Frame {
  path: string;
  line: number;
  label: string;
}

// `    at label (path:line:column)` or `    at path:line:column`.
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+)(?::\d+)?\)?$/;

function frames(stack: string[]): Frame[] {
  const parsed: Frame[] = [];
  for (const line of stack.slice(1)) {
    const match = FRAME.exec(line);
    if (match) parsed.push({ path: match[2], line: Number(match[3]), label: match[1] ?? 'anonymous' });
  }
  return parsed;
}

export function xrayErrorCause(error: unknown): string {
  if (!isError(error)) return '';
  try {
    const { name, message, stack } = errorParts(error);
    const stackFrames = frames(stack);
    const cause = {
      working_directory: process.cwd(),
      exceptions: [{ type: name, message, stack: stackFrames }],
      paths: [...new Set(stackFrames.map((frame) => frame.path))],
    };
    // A header value: JSON already escapes control characters; DEL and non-ASCII as \u escapes.
    return JSON.stringify(cause).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  } catch {
    return '';
  }
}
