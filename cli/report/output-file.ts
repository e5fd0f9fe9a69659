// Writing a report or a manifest where the user asked: its folder is created, and a path that
// cannot be written (a folder, a read-only place) is one line and exit 2, never a stack trace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../usage-error.js';

const REASONS: Record<string, string> = {
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EEXIST: 'a part of the path is a file, not a folder',
};

export function writeOutputFile(command: string, option: string, file: string, text: string): void {
  try {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error as Error).message;
    throw new UsageError(`${command}: cannot write ${option} ${file}: ${reason}`);
  }
}
