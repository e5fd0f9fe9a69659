// secret-kind.ts: text kept from randomness a library drew is a secret (SR103) or an ID (SR104)
// by the words of the name it is kept in and of the call that made it.
import { describe, expect, it } from 'vitest';
import type { Judgment } from '../../emulator/audit/judge.js';
import { keptAsSecret } from '../../emulator/audit/secret-kind.js';

const judged = (call: string, keptIn?: string, around: string[] = []) => ({ call, around, ...(keptIn ? { keptIn } : {}) }) as unknown as Judgment;

describe('keptAsSecret', () => {
  it('reads the name it is kept in and the call, an ID name winning', () => {
    expect(keptAsSecret(judged('bcrypt.genSaltSync(10)', 'pepper'))).toBe(true);
    expect(keptAsSecret(judged('randomstring.generate(32)', 'apiToken'))).toBe(true);
    expect(keptAsSecret(judged('randomstring.generate(32)', 'this.csrfKey'))).toBe(true);
    expect(keptAsSecret(judged('generateSecret()', 'tokenId'))).toBe(false);
    expect(keptAsSecret(judged('randomstring.generate(32)', 'requestId'))).toBe(false);
    expect(keptAsSecret(judged('nanoid()', 'label'))).toBe(false);
  });

  it('does not read the other names of a destructuring pattern', () => {
    expect(keptAsSecret(judged('ch.ping()', '[pong, health, secret, startedAt]'))).toBe(false);
    expect(keptAsSecret(judged('makeKey()', '[pong, health]'))).toBe(true);
  });

  it('then reads the names around it, an ID name winning there too', () => {
    expect(keptAsSecret(judged('make()', undefined, ['signingKey']))).toBe(true);
    expect(keptAsSecret(judged('make()', 'value', ['key']))).toBe(true);
    expect(keptAsSecret(judged('make()', undefined, ['sessionId', 'key']))).toBe(false);
    expect(keptAsSecret(judged('make()', undefined, ['label']))).toBe(false);
  });
});
