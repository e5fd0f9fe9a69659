// The bootstrap's log lines, as Lambda's managed Node.js runtime writes them (compared byte for
// byte with aws-lambda-ric in test/peers): text lines, JSON records, level filtering and the
// telemetry descriptor's framed records.
import { beforeAll, describe, expect, it } from 'vitest';
import { LOGGING, maskTimestamps, runScenario, telemetryRecords } from '../helpers/fault-scenarios.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const bootstrap = () => [bootstrapScript];
const STACK = (name: string, message: string) => `${name}: ${message}\r    at handler (/var/task/index.js:5:13)`;

describe('bootstrap log lines', () => {
  it('text: timestamp, request id, level and message, tab separated, one line per call', async () => {
    const outcome = await runScenario(LOGGING, bootstrap);
    expect(outcome.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t-\tINFO\tat init\n/);
    expect(maskTimestamps(outcome.stdout).split('\n')).toEqual([
      'T\t-\tINFO\tat init',
      'T\tfault-invoke\tINFO\thello world 42',
      'T\tfault-invoke\tINFO\t{ a: 1, nested: { b: [ 1, 2 ] } }',
      'T\tfault-invoke\tWARN\ttwo\rlines',
      `T\tfault-invoke\tERROR\tfailed: ${STACK('TypeError', 'bad input')}`,
      `T\tfault-invoke\tERROR\t${STACK('RangeError', 'alone')} {\r  code: 'E_RANGE'\r}`,
      'T\tfault-invoke\tDEBUG\tdebug',
      'T\tfault-invoke\tTRACE\ttrace',
      'T\tfault-invoke\tFATAL\tfatal',
      'T\tfault-invoke\tINFO\tundefined',
      'T\tfault-invoke\tERROR\tInvoke Error \t{"errorType":"SyntaxError","errorMessage":"handler failed","stack":["SyntaxError: handler failed","    at handler (/var/task/index.js:5:13)"]}',
      '',
    ]);
  });

  it('AWS_LAMBDA_LOG_FORMAT=JSON: one object per call, with the error fields of an Error argument', async () => {
    const outcome = await runScenario(LOGGING, bootstrap, { env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' } });
    const records = outcome.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records[0]).toEqual({ timestamp: expect.stringMatching(/Z$/), level: 'INFO', requestId: '-', message: 'at init' });
    expect(records[2]).toMatchObject({ level: 'INFO', requestId: 'fault-invoke', message: { a: 1, nested: { b: [1, 2] } } });
    expect(records[4]).toMatchObject({
      level: 'ERROR',
      errorType: 'TypeError',
      errorMessage: 'bad input',
      stackTrace: ['TypeError: bad input', '    at handler (/var/task/index.js:5:13)'],
    });
    expect(records[5].message).toMatchObject({ errorType: 'RangeError', errorMessage: 'alone', code: 'E_RANGE' });
    expect(records.at(-1)).toMatchObject({ level: 'ERROR', message: { errorType: 'SyntaxError', errorMessage: 'handler failed' } });
  });

  it('AWS_LAMBDA_LOG_LEVEL drops the calls below it', async () => {
    const outcome = await runScenario(LOGGING, bootstrap, { env: { AWS_LAMBDA_LOG_LEVEL: 'warn' } });
    expect(
      maskTimestamps(outcome.stdout)
        .split('\n')
        .map((line) => line.split('\t')[2]),
    ).toEqual(['WARN', 'ERROR', 'ERROR', 'FATAL', 'ERROR', undefined]);
  });

  it('_LAMBDA_TELEMETRY_LOG_FD: framed records on that descriptor (a multi-line message is one record), nothing on stdout', async () => {
    const outcome = await runScenario(LOGGING, bootstrap, { env: { _LAMBDA_TELEMETRY_LOG_FD: '3' }, telemetryFd: true });
    expect(outcome.stdout).toBe('');
    const records = telemetryRecords(outcome.telemetry);
    expect(records).toHaveLength(11);
    // 0xa55a0003 | the level's mask (INFO 12, WARN 16): big-endian type, length, µs timestamp, message.
    expect(records[0].type).toBe((0xa55a0003 | 12) >>> 0);
    expect(records[3]).toMatchObject({ type: (0xa55a0003 | 16) >>> 0, message: expect.stringMatching(/\tfault-invoke\tWARN\ttwo\nlines\n$/) });
    const micros = Number(records[0].timestampUs);
    expect(Math.abs(micros / 1000 - Date.parse(records[0].message.split('\t')[0]))).toBeLessThan(1);
  });
});
