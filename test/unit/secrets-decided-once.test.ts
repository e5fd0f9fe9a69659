// Whether a secret-looking variable's value is a place on this machine (and so no secret) is
// decided once per environment: redacting reports and probing variable reads never ask the file
// system again, and the decision stays what it was when the environment was first consulted.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const real = fs.existsSync;
afterEach(() => {
  fs.existsSync = real;
  syncBuiltinESMExports();
});

describe('secretsOf', () => {
  it('asks the file system once per environment, whatever is redacted or probed after', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-secrets-once-'));
    const file = path.join(root, 'db-password');
    fs.writeFileSync(file, 'the secret is in here');
    const asked: string[] = [];
    fs.existsSync = (place: fs.PathLike) => {
      asked.push(String(place));
      return real(place);
    };
    syncBuiltinESMExports();
    vi.resetModules();
    const { isSecretVariable, redactDeep, redactSecrets, secretsOf } = await import('../../emulator/snapshot/secrets.js');
    const env = { DB_PASSWORD_FILE: file, DB_PASSWORD: '/not/a/place/s3cr3t', API_TOKEN: 'tok-12345', OLDPWD: root, REGION: root };
    const secrets = secretsOf(env);
    // Only the secret-looking names with absolute values were asked about, each once.
    expect(asked.filter((place) => place === file || place === root || place === '/not/a/place/s3cr3t').sort()).toEqual([file, root, '/not/a/place/s3cr3t'].sort());
    const before = asked.length;
    fs.rmSync(root, { recursive: true, force: true });
    const line = Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    for (let round = 0; round < 50; round++) {
      expect(secretsOf(env)).toBe(secrets);
      const redacted = redactSecrets(line, secrets);
      // Still places, though no longer there: decided when the environment was first consulted.
      expect(redacted).toContain(`DB_PASSWORD_FILE=${file}`);
      expect(redacted).toContain(`OLDPWD=${root}`);
      expect(redacted).not.toContain('s3cr3t');
      expect(redacted).not.toContain('tok-12345');
      expect(redactDeep({ line }, secrets).line).toBe(redacted);
      expect(isSecretVariable('DB_PASSWORD_FILE', file, secrets)).toBe(false);
      // This process's own environment (what the audit's probe reads) was decided when the module loaded.
      expect(isSecretVariable('SOME_TOKEN', file)).toBe(true);
    }
    expect(asked.length).toBe(before);
  });
});
