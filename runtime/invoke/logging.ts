// Log lines as Lambda's managed Node.js runtime writes them (facts from aws-lambda-ric 4's
// logging sources; the code is this project's own):
// - text (default): `timestamp \t requestId \t LEVEL \t message`, newlines in the message as \r so
//   that one call is one CloudWatch event;
// - AWS_LAMBDA_LOG_FORMAT=JSON: one object per call, {timestamp, level, requestId, [tenantId], message},
//   plus errorType/errorMessage/stackTrace when an argument after the first is an Error;
// - AWS_LAMBDA_LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR, FATAL): calls below it do nothing;
// - _LAMBDA_TELEMETRY_LOG_FD: records go to that descriptor, each framed as a 16-byte header
//   (type | level mask, length, timestamp in µs, big-endian) and the message, newlines kept.
import { writeSync } from 'node:fs';
import { format } from 'node:util';
import { errorParts, formatError, isError } from './format-error.js';

type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
const PRIORITY: Record<Level, number> = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
const FRAME_TEXT = 0xa55a0003;
const FRAME_JSON = 0xa55a0002;

/** The invocation the log lines belong to; `-` until the first one (the official client's value). */
const current = { requestId: '-', tenantId: undefined as string | undefined };

export function setLogContext(requestId: string, tenantId: string | undefined): void {
  current.requestId = requestId;
  current.tenantId = tenantId;
}

export interface LogSettings {
  json: boolean;
  minLevel: number;
  /** The telemetry descriptor, when Lambda gave one. */
  fd: number | undefined;
}

/** Reads the settings; the telemetry descriptor's variable is removed so that child processes do not write to it. */
export function logSettings(env: NodeJS.ProcessEnv = process.env): LogSettings {
  const level = env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() as Level | undefined;
  const fd = Number(env._LAMBDA_TELEMETRY_LOG_FD);
  delete env._LAMBDA_TELEMETRY_LOG_FD;
  return {
    json: env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON',
    minLevel: level && level in PRIORITY ? PRIORITY[level] : PRIORITY.TRACE,
    fd: Number.isInteger(fd) && fd > 0 ? fd : undefined,
  };
}

let settings: LogSettings | undefined;

/** Replaces console.trace/debug/info/log/warn/error (and adds console.fatal) with the Lambda formats. */
export function patchConsole(env: NodeJS.ProcessEnv = process.env): void {
  settings = logSettings(env);
  const target = console as unknown as Record<string, unknown>;
  for (const level of Object.keys(PRIORITY) as Level[]) {
    target[level.toLowerCase()] = PRIORITY[level] < settings.minLevel ? () => {} : (message?: unknown, ...params: unknown[]) => writeLog(level, message, params);
  }
  target.log = target.info;
  if (settings.json) jsonRuntimeNotices();
}

const NOTICE_PREFIX = 'snapshot-restore: ';

/**
 * Under AWS_LAMBDA_LOG_FORMAT=JSON, every notice the runtime writes to stderr (its lifecycle's hook
 * failures included, all prefixed `snapshot-restore: `) becomes one JSON record (level ERROR), so
 * that a log pipeline reading JSON never gets raw multi-line text. Other stderr writes pass as they are.
 */
function jsonRuntimeNotices(): void {
  const stderr = process.stderr as unknown as { write: (chunk: unknown, ...rest: unknown[]) => boolean };
  const write = stderr.write.bind(process.stderr);
  stderr.write = (chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'string' || !chunk.startsWith(NOTICE_PREFIX)) return write(chunk, ...rest);
    writeLog('ERROR', chunk.replace(/\n$/, ''), []);
    const done = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  };
}

/** The runtime's own error records ("Invoke Error", "Init Error"), written as the official client writes them. */
export function logError(title: string, error: unknown): void {
  if (!settings) {
    process.stderr.write(`${title}: ${formatError(error)}\n`);
    return;
  }
  if (PRIORITY.ERROR < settings.minLevel) return;
  const asError = isError(error) ? error : new Error(errorParts(error).message);
  if (settings.json) writeLog('ERROR', asError, []);
  else writeLog('ERROR', title, [`\t${errorRecord(asError)}`]);
}

/**
 * The runtime's own notices and failure reports (not the handler's): one `snapshot-restore: ...`
 * line on stderr, or, with AWS_LAMBDA_LOG_FORMAT=JSON, one JSON record (level ERROR) like every
 * other line, so that a log pipeline reading JSON never sees raw multi-line text.
 */
export function runtimeNotice(text: string, error?: unknown): void {
  const full = error === undefined ? text : `${text}: ${formatError(error)}`;
  if (settings?.json) writeLog('ERROR', `${NOTICE_PREFIX}${text}`, error === undefined ? [] : [isError(error) ? error : errorParts(error).message]);
  else process.stderr.write(`${NOTICE_PREFIX}${full}\n`);
}

function writeLog(level: Level, message: unknown, params: unknown[]): void {
  const now = new Date();
  const timestamp = now.toISOString();
  const { json, fd } = settings!;
  let text: string;
  try {
    text = json ? jsonLine(timestamp, level, message, params) : `${timestamp}\t${current.requestId}\t${level}\t${format(message, ...params)}`;
  } catch (error) {
    // A value whose inspection throws: the call still logs something, and never throws itself.
    text = `${timestamp}\t${current.requestId}\t${level}\t<a value that cannot be printed: ${errorParts(error).message}>`;
  }
  if (fd === undefined) {
    process.stdout.write(`${text.replace(/\n/g, '\r')}\n`);
    return;
  }
  const body = Buffer.from(json ? text : `${text}\n`, 'utf8');
  const record = Buffer.allocUnsafe(16 + body.length);
  // The level's mask is 4 × its priority (TRACE 4 … FATAL 24).
  record.writeUInt32BE(((json ? FRAME_JSON : FRAME_TEXT) | (PRIORITY[level] * 4)) >>> 0, 0);
  record.writeInt32BE(body.length, 4);
  record.writeBigInt64BE(BigInt(now.getTime()) * 1000n, 8);
  body.copy(record, 16);
  writeSync(fd, record);
}

function jsonLine(timestamp: string, level: Level, message: unknown, params: unknown[]): string {
  const record: Record<string, unknown> = { timestamp, level, requestId: current.requestId };
  if (current.tenantId) record.tenantId = current.tenantId;
  if (params.length === 0) {
    record.message = message;
    try {
      return JSON.stringify(record, (_key, value) => (isError(value) ? jsonError(value) : value));
    } catch {
      record.message = format(message);
      return JSON.stringify(record);
    }
  }
  record.message = format(message, ...params);
  const error = params.find(isError);
  if (error) {
    const { errorType, errorMessage, stackTrace } = jsonError(error);
    Object.assign(record, { errorType, errorMessage, stackTrace: Array.isArray(stackTrace) ? stackTrace : [] });
  }
  return JSON.stringify(record);
}

/** An Error in a JSON record: its class name, message and stack lines, then its own enumerable fields. */
function jsonError(error: Error): Record<string, unknown> {
  const { message, stack } = errorParts(error);
  let type = 'UnknownError';
  try {
    type = error.constructor?.name ?? type;
  } catch {}
  return Object.assign({ errorType: type, errorMessage: message, stackTrace: stack }, error) as unknown as Record<string, unknown>;
}

/** The text format's error record: JSON of the name, message, code, own fields and stack lines. */
function errorRecord(error: Error): string {
  try {
    return JSON.stringify(error, (_key, value) => {
      if (!isError(value)) return value;
      const { name, message, stack } = errorParts(value);
      const record = Object.assign({ errorType: name, errorMessage: message, code: (value as { code?: unknown }).code }, value) as unknown as Record<string, unknown>;
      record.stack = stack;
      return record;
    });
  } catch {
    const { name, message, stack } = errorParts(error);
    return JSON.stringify({ errorType: name, errorMessage: message, trace: stack });
  }
}
