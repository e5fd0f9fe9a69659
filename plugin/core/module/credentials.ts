// SR108 by shape: credentials resolved once at init and kept. Temporary credentials expire (an
// STS session, the container endpoint's role credentials: hours), secrets rotate; a snapshot is
// restored days later, and every restored environment uses what init resolved. Found without a
// table of packages, by what the awaited call says it does:
// - a credential provider called at init: `await fromNodeProviderChain()()`, `await
//   defaultProvider()()`, `await client.config.credentials()` (a provider is a function made by a
//   call, named for credentials, that is called again);
// - an AWS SDK command that returns credentials or a secret: `await sts.send(new
//   AssumeRoleCommand(...))`, `await sm.send(new GetSecretValueCommand(...))`;
// - a function named for fetching a secret or credentials: `await getSecret('db')`,
//   `await loadCredentials()`, `await fetchApiToken()`;
// - a request that asks for decryption (`{ WithDecryption: true }`, `{ decrypt: true }`): a plaintext secret.
// The awaited value may be handled on the way (`.catch(() => undefined)`, `.then((r) => r.x)`): it is still kept.
// Kept means assigned to something (a value awaited and thrown away is harmless); renewed in an
// after-restore hook means silent.
import type * as t from '@babel/types';
import type { Binding, NodePath } from '../ast/babel.js';
import { propertyName } from './imports.js';
import { unwrap } from './names.js';

export interface CredentialContext {
  program: NodePath<t.Program>;
  phaseOf(p: NodePath): 'init' | 'before-snapshot' | undefined;
  /** Where the awaited value is kept, and whether an after-restore hook renews that place. */
  keptAt(p: NodePath): { kept: boolean; renewed: boolean; name?: string; binding?: Binding };
  report(p: NodePath, kept: string | undefined, binding: Binding | undefined, what: string): void;
}

/** AWS SDK commands whose answer is credentials or a secret (STS, SSO, Cognito identity, Secrets Manager). */
const CREDENTIAL_COMMANDS =
  /^(?:AssumeRole(?:WithWebIdentity|WithSAML)?|GetSessionToken|GetFederationToken|GetRoleCredentials|GetCredentialsForIdentity|GetSecretValue|BatchGetSecretValue)Command$/;
/** Words of a function that fetches a secret or credentials. */
const FETCH_VERB = /^(?:get|fetch|load|resolve|retrieve|read)$/;
const SECRET_NOUN = /^(?:secrets?|credentials?|creds|tokens?|password|apikey|passwords)$/;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_$-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The name a callee is written with: `getSecret`, `client.config.credentials`, `fromEnv` in `fromEnv()()`. */
function calleeWords(callee: t.Node): string[] {
  const found: string[] = [];
  let node: t.Node = callee;
  for (let i = 0; i < 6; i++) {
    if (node.type === 'Identifier') {
      found.push(node.name);
      break;
    }
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
      const name = propertyName(node as t.MemberExpression);
      if (name) found.push(name);
      node = node.object;
      continue;
    }
    if (node.type === 'CallExpression') {
      node = node.callee;
      continue;
    }
    break;
  }
  return found;
}

/** What an awaited call resolves, when it resolves credentials or a secret: for the message. */
function resolves(call: t.CallExpression): string | undefined {
  const callee = call.callee;
  // A provider made by a call and called: `fromNodeProviderChain()()`, `defaultProvider({...})()`.
  if (callee.type === 'CallExpression') {
    const name = calleeWords(callee.callee)[0] ?? '';
    if (/credential|provider/i.test(name) || /^from[A-Z]/.test(name)) return 'credentials';
  }
  // `client.config.credentials()`
  const names = calleeWords(callee);
  if (names[0] === 'credentials' && names[1] === 'config') return 'credentials';
  // `sts.send(new AssumeRoleCommand(...))`
  if (names[0] === 'send') {
    const arg = call.arguments[0];
    if (arg?.type === 'NewExpression' && arg.callee.type === 'Identifier' && CREDENTIAL_COMMANDS.test(arg.callee.name)) {
      return /Secret/.test(arg.callee.name) ? 'secret' : 'credentials';
    }
  }
  // `ssm.send(new GetParameterCommand({ Name, WithDecryption: true }))`, `getParameter(name, { decrypt: true })`
  if (decrypting(call)) return 'secret';
  // `getSecret('db')`, `loadCredentials()`, `fetchApiToken()`
  const own = words(names[0] ?? '');
  const rest = own.slice(1);
  if (rest.length > 0 && FETCH_VERB.test(own[0]!) && (rest.some((w) => SECRET_NOUN.test(w)) || /(?:api|access)key$/.test(rest.join('')))) {
    return own.some((w) => /^secrets?$/.test(w)) ? 'secret' : 'credentials';
  }
  return undefined;
}

/** The call whose answer a promise chain settles with: `x.catch(() => fallback)`, `.finally(...)`,
 *  `.then((r) => r.Parameter?.Value)` keep (a part of) what `x` resolves. */
function handled(p: NodePath): NodePath {
  let current = p;
  for (let i = 0; i < 6 && current.isCallExpression(); i++) {
    const callee = unwrap(current.get('callee') as NodePath);
    if (!callee.isMemberExpression() || !/^(?:then|catch|finally)$/.test(propertyName(callee.node) ?? '')) break;
    current = unwrap(callee.get('object') as NodePath);
  }
  return current;
}

/** An options object that asks for decryption (`{ WithDecryption: true }`, `{ decrypt: true }`): the answer is a plaintext secret. */
function decrypting(call: t.CallExpression, depth = 0): boolean {
  return call.arguments.some((arg) => {
    if (arg.type === 'NewExpression' && depth < 2) return decrypting(arg as unknown as t.CallExpression, depth + 1);
    if (arg.type !== 'ObjectExpression') return false;
    return arg.properties.some(
      (prop) =>
        prop.type === 'ObjectProperty' &&
        !prop.computed &&
        /^(?:with)?decrypt(?:ion)?$/i.test(prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : '') &&
        prop.value.type === 'BooleanLiteral' &&
        prop.value.value,
    );
  });
}

export function credentialsAtInit(ctx: CredentialContext): void {
  ctx.program.traverse({
    AwaitExpression(p) {
      const argument = handled(unwrap(p.get('argument') as NodePath));
      if (!argument.isCallExpression()) return;
      const what = resolves(argument.node);
      if (!what || !ctx.phaseOf(p)) return;
      const place = ctx.keptAt(p);
      if (!place.kept || place.renewed) return;
      ctx.report(argument, place.name, place.binding, what);
    },
    CallExpression(p) {
      // An element of an awaited `Promise.all([...])`: init waits for it, and the result keeps it.
      if (!inAwaitedCombinator(p)) return;
      const what = resolves(p.node);
      if (!what || !ctx.phaseOf(p)) return;
      const place = ctx.keptAt(p);
      if (!place.kept || place.renewed) return;
      ctx.report(p, place.name, place.binding, what);
    },
  });
}

/** Whether a call is an element of the array an awaited `Promise.all` / `allSettled` is given. */
function inAwaitedCombinator(p: NodePath): boolean {
  const array = p.parentPath;
  const combinator = array?.parentPath;
  if (!array?.isArrayExpression() || !combinator?.isCallExpression() || combinator.node.arguments[0] !== array.node) return false;
  const callee = combinator.node.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'Promise' || p.scope.getBinding('Promise')) return false;
  if (!/^(?:all|allSettled)$/.test(propertyName(callee) ?? '')) return false;
  let parent = combinator.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression())) parent = parent.parentPath;
  return !!parent?.isAwaitExpression();
}
