// Credentials never appear in the tool's own words. Messages and suggestions quote the user's
// code (`new Redis("redis://:pw@host")`), and those words end up in build logs, SARIF uploads
// and manifests; the quoted source line (lineText) is the user's own and is left alone.

const MASK = '***';

// scheme://user:password@host → scheme://user:***@host; scheme://token@host → scheme://***@host.
// The user-info part runs to the last `@` before the host: passwords may hold an unencoded `@`.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#'"`]*)@/gi;

// An option, property, variable or connection-string key named like a secret, with a value:
// `password: 'hunter2'`, `"apiToken": "x"`, `secret = 'x'`, `Password=x;`.
const SECRET_NAME = String.raw`(?:[\w$-]*(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?)[\w$-]*|auth|authorization|pass)`;
const SECRET_VALUE = new RegExp(
  String.raw`((?:^|[^\w$-])["'\x60]?${SECRET_NAME}["'\x60]?)(\s*[:=]\s*)(?:(["'\x60])((?:\\.|(?!\3)[^\\])*)\3|([^\s,;&(){}[\]'"\x60][^\s,;&)}\]'"\x60]*))`,
  'gi',
);
/** A name in code (`pw`, `process.env.DB_PASSWORD`, `getSecret()`): a reference, not a value. */
const REFERENCE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(.*)?$/;

export function redact(text: string): string {
  return text
    .replace(URL_USERINFO, (_whole, scheme: string, info: string) => {
      const colon = info.indexOf(':');
      return `${scheme}${colon >= 0 ? `${info.slice(0, colon)}:${MASK}` : MASK}@`;
    })
    .replace(SECRET_VALUE, (whole, name: string, separator: string, quote?: string, quoted?: string, bare?: string) => {
      if (quote !== undefined) return quoted === '' || quoted === MASK ? whole : `${name}${separator}${quote}${MASK}${quote}`;
      // Unquoted after `key=` with no spaces is connection-string or query style: a value.
      const stringStyle = separator === '=';
      if (!bare || bare === MASK || (!stringStyle && REFERENCE.test(bare))) return whole;
      return `${name}${separator}${MASK}`;
    });
}
