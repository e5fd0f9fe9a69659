// Secrets never appear in what emulate and the audit print. One place decides what looks like a
// secret (a variable's name, a value's shape) and redacts it, and every report output (emulate's
// text, JSON and HTML, the audit's findings) passes through `redactSecrets`. URLs are read with
// the WHATWG URL parser, not a regular expression: a password may hold any character (an
// apostrophe, an `@`, a `#` once percent-encoded), and the parser knows where it ends.

import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';

const MASK = '***';

/** Variable and option names that hold secrets: `STRIPE_SECRET_KEY`, `DB_PASSWORD`, `AWS_SESSION_TOKEN`, `DATABASE_URL`. */
const SECRET_NAME =
  /secret|token|passw(?:or)?d|passphrase|pwd|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth|signing[_-]?key|(?:^|_)dsn$|(?:database|db|redis|mongo(?:db)?|amqp|postgres(?:ql)?|mysql)_?(?:url|uri)$|connection[_-]?string/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** What an environment holds that reports must not show, decided once for it. */
export interface EnvironmentSecrets {
  /** The values of its secret-looking variables (masked wherever they show up). */
  values: readonly string[];
  /** The values of its secret-looking variables that are places on this machine (not secrets). */
  places: ReadonlySet<string>;
}

const decided = new WeakMap<object, EnvironmentSecrets>();

/**
 * An environment's secrets. A secret-looking variable whose value is an existing file or folder
 * (the shell's PWD and OLDPWD, `DB_PASSWORD_FILE=/run/secrets/db`) says where something is: the
 * place is not the secret (what the file holds may be), and reports show this machine's paths
 * anyway (hook sites). The file system is asked once per environment, when it is first consulted:
 * never while a report is redacted, nor inside the audit's probe of each variable read.
 */
export function secretsOf(env: Record<string, string | undefined>): EnvironmentSecrets {
  let secrets = decided.get(env);
  if (secrets) return secrets;
  const places = new Set<string>();
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isSecretName(name)) continue;
    if (isAbsolute(value) && existsSync(value)) places.add(value);
    else if (value.length >= 4) values.push(value);
  }
  secrets = { values, places };
  decided.set(env, secrets);
  return secrets;
}

// This process's own environment, decided when this module loads: before the audit puts its probe
// on process.env, so deciding reads no variable through it.
const own = secretsOf(process.env);

/** Whether a variable holds a secret: its name says so, and its value is not a place (`secrets` decided that). */
export function isSecretVariable(name: string, value: string | undefined, secrets: EnvironmentSecrets = own): boolean {
  return isSecretName(name) && !(value !== undefined && secrets.places.has(value));
}

// A URL with user-info: scheme://...@... up to whitespace or a quote that could end it in code.
// The match only finds candidates; the URL parser decides what the password is.
const URL_CANDIDATE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"`<>]*@[^\s"'`<>]*/gi;

/** A URL with its password (or a lone token user-info) masked, or undefined when it is not a URL with credentials. */
function redactUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.password === '' && url.username === '') return undefined;
  // Where the parser found them: the user-info ends at the last `@` of the authority, which ends
  // at the first `/`, `?` or `#` (and `\` for http-like schemes) after the `//`.
  const start = text.indexOf('//') + 2;
  const rest = text.slice(start);
  const special = /^(?:https?|wss?|ftp|file):$/.test(url.protocol);
  const end = rest.search(special ? /[/?#\\]/ : /[/?#]/);
  const at = text.lastIndexOf('@', end === -1 ? text.length : start + end);
  if (at < start) return undefined;
  const info = text.slice(start, at);
  const colon = info.indexOf(':');
  // scheme://user:password@host keeps the user; scheme://token@host (no colon) is all secret.
  const masked = url.password !== '' && colon >= 0 ? `${info.slice(0, colon)}:${MASK}` : MASK;
  return `${text.slice(0, start)}${masked}${text.slice(at)}`;
}

/** A name in code (`pw`, `process.env.DB_PASSWORD`, `getSecret()`): a reference, not a value. */
const REFERENCE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(.*)?$/;
// `NAME=value` and `name: value` where the name looks like a secret.
const ASSIGNMENT = /\b([A-Za-z_][\w.-]*)(["']?\s*[=:]\s*)(["']?)([^\s"',;&]+)\3/g;
// Values that look like keys whatever their name: AWS access key ids, private key blocks, JWTs, long provider tokens.
const SHAPES: RegExp[] = [
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b/g,
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
];

type Known = readonly string[] | EnvironmentSecrets;

/**
 * Text with every secret it holds masked: URL passwords, values assigned to secret-looking
 * names, values shaped like keys, and the given values (what the function's environment holds
 * under secret-looking names: its `secretsOf()`, or just those values).
 */
export function redactSecrets(text: string, known: Known = []): string {
  const secrets = Array.isArray(known) ? own : (known as EnvironmentSecrets);
  const knownValues = Array.isArray(known) ? (known as readonly string[]) : secrets.values;
  let out = text.replace(URL_CANDIDATE, (candidate) => {
    // Trailing punctuation of prose or code is not part of the URL.
    const trimmed = candidate.replace(/[)\].,;:]+$/, '');
    const redacted = redactUrl(trimmed);
    return redacted === undefined ? candidate : redacted + candidate.slice(trimmed.length);
  });
  out = out.replace(ASSIGNMENT, (whole, name: string, separator: string, quote: string, value: string) => {
    if (!isSecretVariable(name, value, secrets) || value === MASK || /^(?:undefined|null|true|false)$/.test(value)) return whole;
    // `token = randomUUID()` in a suggestion is code, not a value; `TOKEN=abc` (no spaces) and quoted values are values.
    if (!quote && separator !== '=' && REFERENCE.test(value)) return whole;
    return `${name}${separator}${quote}${MASK}${quote}`;
  });
  for (const shape of SHAPES) out = out.replace(shape, MASK);
  for (const value of knownValues) {
    if (value.length >= 4) out = out.split(value).join(MASK);
  }
  return out;
}

/** The values of secret-looking variables in an environment (to mask wherever they show up). */
export function secretValues(env: Record<string, string | undefined>): string[] {
  return [...secretsOf(env).values];
}

/** A JSON-able value with every string in it redacted (for --json and --html reports). */
export function redactDeep<T>(value: T, known: Known = []): T {
  if (typeof value === 'string') return redactSecrets(value, known) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, known)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, known)])) as T;
  }
  return value;
}
