// No credential in the tool's own words: a connection string's user-info and the values of
// options named like passwords or tokens are redacted in messages, suggestions and notes, in
// every format (esbuild messages, the manifest, check's text, JSON and SARIF). The quoted source
// line (lineText, SARIF's snippet, the code frame) is the user's own code and is left as it is.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { isSecretName, redactDeep, redactSecrets, secretValues } from '../../emulator/snapshot/secrets.js';
import { redact } from '../../plugin/core/index.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import { runCommand, tempDir } from '../helpers/run-cli.js';

const SECRETS = ['s3cretPw', 'hunter2', 'tok-123'];
const HANDLER = `import Redis from 'ioredis';
import { snapStart } from 'snapshot-restore/lambda';

const cache = new Redis('redis://:s3cretPw@cache.internal:6379');
const queue = new Redis({ host: 'queue.internal', password: 'hunter2' });
const events = new Redis({ host: 'events.internal', authToken: "tok-123" });

export const handler = async () => ({ a: await cache.get('a'), b: await queue.get('b'), c: await events.get('c') });

await snapStart();
`;

function project(): string {
  const dir = tempDir('sr-secrets-');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  fs.writeFileSync(path.join(dir, 'src/handler.ts'), HANDLER);
  return dir;
}

/** Every string in a JSON value, except under the keys that hold the user's source line. */
function strings(value: unknown, skip: string[], out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, skip, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!skip.includes(key)) strings(item, skip, out);
  }
  return out;
}

function expectNoSecret(texts: string[]): void {
  const joined = texts.join('\n');
  for (const secret of SECRETS) expect(joined).not.toContain(secret);
  // What the findings say instead.
  expect(joined).toContain("new Redis('redis://:***@cache.internal:6379')");
  expect(joined).toContain("password: '***'");
  expect(joined).toContain('authToken: "***"');
}

describe('redact', () => {
  it('masks URL user-info and secret-named values, and leaves references alone', () => {
    expect(redact('redis://:pw@host')).toBe('redis://:***@host');
    expect(redact('postgres://app:p@ss@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    expect(redact('https://ghp_abc@github.com/x')).toBe('https://***@github.com/x');
    expect(redact("{ password: 'x', user: 'u' }")).toBe("{ password: '***', user: 'u' }");
    expect(redact('Server=db;Password=abc123;Database=x')).toBe('Server=db;Password=***;Database=x');
    expect(redact('https://api/?access_token=abc&x=1')).toBe('https://api/?access_token=***&x=1');
    expect(redact('{ apiKey: "k", clientSecret: `s` }')).toBe('{ apiKey: "***", clientSecret: `***` }');
    for (const reference of ['{ password: process.env.DB_PASSWORD }', '{ password: pw }', '{ token: getToken() }', '`process.env.AWS_SESSION_TOKEN`: not set']) {
      expect(redact(reference)).toBe(reference);
    }
  });
});

describe('no secret in any format', () => {
  it('esbuild messages and the manifest', async () => {
    const dir = project();
    const result = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: ['src/handler.ts'],
      outfile: 'out/handler.mjs',
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
      plugins: [snapshotRestore()],
    });
    const findings = result.warnings.filter((w) => w.id === 'SR107');
    expect(findings).toHaveLength(3);
    expectNoSecret(findings.flatMap((w) => [w.text, w.location?.suggestion ?? '', ...w.notes.map((n) => n.text)]));
    // The source line is quoted as it is.
    expect(findings[0]!.location?.lineText).toContain('s3cretPw');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'out/snapshot-restore.manifest.json'), 'utf8'));
    expectNoSecret(strings(manifest, []));
  });

  it('check: text, JSON and SARIF', async () => {
    const dir = project();
    const args = ['check', 'src/handler.ts', '--external', 'ioredis'];
    const text = await runCommand(args, dir);
    expect(text.code).toBe(0);
    // Code-frame lines (`  4 │ ...`) show the user's source.
    expectNoSecret(text.stdout.split('\n').filter((line) => !/^\s+\d+ │/.test(line)));
    expect(text.stdout).toContain("4 │ const cache = new Redis('redis://:s3cretPw@cache.internal:6379');");
    const json = await runCommand([...args, '--format', 'json'], dir);
    expectNoSecret(strings(JSON.parse(json.stdout), ['lineText']));
    const sarif = await runCommand([...args, '--format', 'sarif'], dir);
    expectNoSecret(strings(JSON.parse(sarif.stdout), ['snippet']));
  });
});

// emulate's and the audit's one redaction (emulator/snapshot/secrets.ts), applied to every report output.
describe('redactSecrets', () => {
  it('masks a URL password whatever characters it holds, as the WHATWG URL parser reads it', () => {
    // Every printable ASCII character a URL's user-info may hold as written (the parser percent-encodes
    // the others, or they end the authority: / ? # and \\ for http), inside a password, in a sentence.
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => !'/?#\\ "`<>@'.includes(c));
    for (const c of printable) {
      const password = `pa${c}ss${c}`;
      const url = `postgres://app:${password}@db.internal:5432/app`;
      expect(new URL(url).password).not.toBe('');
      const shown = redactSecrets(`connecting to ${url} now`);
      expect(shown, `password with ${JSON.stringify(c)}`).toBe('connecting to postgres://app:***@db.internal:5432/app now');
    }
    // An @ in the password: the parser takes the last one before the host.
    expect(redactSecrets('redis://:p@ss@cache:6379')).toBe('redis://:***@cache:6379');
    // An apostrophe, which ends the lint's own (regexp) redaction of URLs in code.
    expect(redactSecrets("mongodb+srv://app:it's-a-secret@cluster0.example.net/db")).toBe('mongodb+srv://app:***@cluster0.example.net/db');
    // A token alone as user-info is all secret.
    expect(redactSecrets('https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/x.git')).toBe('https://***@github.com/x.git');
    // No credentials: unchanged.
    expect(redactSecrets('see https://example.com/a@b and db.internal:5432')).toBe('see https://example.com/a@b and db.internal:5432');
  });

  it('masks values of secret-looking names and values shaped like keys, and leaves code alone', () => {
    expect(redactSecrets('STRIPE_SECRET_KEY=sk_live_abc')).toBe('STRIPE_SECRET_KEY=***');
    expect(redactSecrets('{"password":"hunter2"}')).toBe('{"password":"***"}');
    expect(redactSecrets('key AKIAIOSFODNN7EXAMPLE in the log')).toBe('key *** in the log');
    expect(redactSecrets('a token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U here')).toBe('a token *** here');
    expect(redactSecrets('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----')).toBe('***');
    for (const code of ['registerAfterRestore(() => { token = randomUUID(); })', 'kept in `secret`,', 'password: process.env.DB_PASSWORD']) {
      expect(redactSecrets(code)).toBe(code);
    }
  });

  it('masks the values the environment holds under secret-looking names, wherever they show up', () => {
    const env = { STRIPE_SECRET_KEY: 'sk-plain-value', AWS_REGION: 'eu-west-1', DB_PASSWORD: 'correct horse', EMPTY_TOKEN: '' };
    expect(secretValues(env).sort()).toEqual(['correct horse', 'sk-plain-value']);
    const report = { restores: [{ stderr: 'Error: bad key sk-plain-value', payload: { db: 'correct horse', region: 'eu-west-1' } }], count: 2 };
    expect(redactDeep(report, secretValues(env))).toEqual({ restores: [{ stderr: 'Error: bad key ***', payload: { db: '***', region: 'eu-west-1' } }], count: 2 });
  });

  it('knows secret-looking variable names', () => {
    for (const name of [
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_ACCESS_KEY_ID',
      'STRIPE_SECRET_KEY',
      'GITHUB_TOKEN',
      'DB_PASSWORD',
      'DB_PWD',
      'OPENAI_API_KEY',
      'DATABASE_URL',
      'SENTRY_DSN',
      'MONGODB_URI',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['AWS_REGION', 'PATH', 'NODE_ENV', 'TABLE_NAME', 'LOG_LEVEL', 'PORT']) expect(isSecretName(name), name).toBe(false);
  });

  it('a secret-looking variable whose value is a place on this machine holds no secret (PWD, OLDPWD, *_FILE): generated environments', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-secrets-'));
    const places = [process.cwd(), root, path.join(root, 'db-password'), os.tmpdir()];
    fs.writeFileSync(places[2], 'the secret is in here');
    // Seeded, so that a failure can be replayed.
    let seed = 25;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[next() % list.length];
    const secretNames = ['PWD', 'OLDPWD', 'DB_PWD', 'DB_PASSWORD', 'DB_PASSWORD_FILE', 'API_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS', 'AUTH_DIR', 'STRIPE_SECRET_KEY'];
    const plainNames = ['HOME_DIR', 'TABLE_NAME', 'REGION', 'LOG_LEVEL'];
    const randomValue = () => Array.from({ length: 8 + (next() % 24) }, () => pick([...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_/+'])).join('');
    for (let round = 0; round < 200; round++) {
      const env: Record<string, string> = {};
      const expected: string[] = [];
      for (let index = 0; index < 6; index++) {
        const secretName = next() % 3 !== 0;
        const name = `${pick(secretName ? secretNames : plainNames)}${index === 0 ? '' : `_${index}`}`;
        // A place (absolute and there), a value that only looks like a path, or anything else.
        const kind = next() % 3;
        const value = kind === 0 ? pick(places) : kind === 1 ? `/${randomValue()}/not-here-${round}` : randomValue();
        env[name] = value;
        if (secretName && kind !== 0 && value.length >= 4) expected.push(value);
      }
      const found = secretValues(env);
      expect(found.sort(), JSON.stringify(env)).toEqual(expected.sort());
      // A report line with every place in it keeps the places; the secrets are masked.
      const site = `${path.join(process.cwd(), 'app.mjs')}:3:1`;
      const redacted = redactSecrets(`hook at ${site} with ${Object.values(env).join(' ')}`, found);
      for (const value of found) expect(redacted).not.toContain(value);
      expect(redacted).toContain(`hook at ${site} with`);
    }
  });
});
