// SR108: a read of the static AWS credential variables (under SnapStart Lambda does not set them:
// credentials come from the container credentials endpoint, so the read is undefined), and
// credentials or secrets resolved once at init and kept (module/credentials.ts finds them).
import { defineRule } from './rule.js';
import { IGNORE_HELP, assignable, constNote, keptText, whereText, type UniquenessRule } from './uniqueness-rule.js';

/** The variables SnapStart leaves unset. */
export const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

const rule = defineRule({
  id: 'SR108',
  name: 'static-credentials',
  title: 'AWS credentials read from the environment, or credentials resolved once at init',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `Reading static AWS credentials from the environment: under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN (credentials come from the container credentials endpoint, AWS_CONTAINER_CREDENTIALS_FULL_URI), so the read is undefined. Let the AWS SDK's default credential provider chain find credentials; do not read the key variables. Credentials or a secret resolved once at init and kept (an awaited credential provider, an STS AssumeRole or a Secrets Manager GetSecretValue call, a \`getSecret()\`) are in the snapshot too: temporary credentials expire within hours and secrets rotate, while a snapshot is restored days later; resolve them in the handler through a cache that expires, or renew them in an after-restore hook. ${IGNORE_HELP('SR108')}`,
  messages: {
    resolvedAtInit:
      '`{{call}}` {{where}}: the {{what}} {{are}} frozen in the snapshot. The {{what}}{{kept}} {{are}} resolved once, before the snapshot, and cloned into every restored environment: temporary credentials expire within hours and secrets rotate, but a snapshot is restored days later',
    readsCredential:
      '`process.env.{{variable}}` reads undefined under SnapStart. Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN there: credentials come from the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI)',
  },
  suggestions: {
    renewResolved:
      'resolve it in the handler through a cache that expires (the AWS SDK clients do this for their own credentials), or renew it in `registerAfterRestore(async () => { {{target}} = {{call}}; });`',
    renewResolvedHook: 'resolve it in the handler through a cache that expires, or renew it in an after-restore hook (`registerAfterRestore`)',
    providerChain:
      "let the AWS SDK find credentials: its default provider chain reads the container credentials endpoint (e.g. `fromNodeProviderChain()` from '@aws-sdk/credential-providers'); create clients without explicit keys",
  },
  checks: ['module/uniqueness.ts', 'module/credentials.ts'],
});

export const SR108: UniquenessRule<'SR108'> = {
  ...rule,
  match: { needsStore: false },
  describe: (found) => {
    if (found.resolved) {
      const target = assignable(found);
      return {
        message: rule.message('resolvedAtInit', {
          call: found.call,
          where: whereText(found),
          what: found.resolved,
          are: found.resolved === 'secret' ? 'is' : 'are',
          kept: keptText(found),
        }),
        suggestion: target ? rule.suggest('renewResolved', { target, call: found.value ?? found.call }) + constNote(found) : rule.suggest('renewResolvedHook'),
      };
    }
    return { message: rule.message('readsCredential', { variable: found.variable ?? '' }), suggestion: rule.suggest('providerChain') };
  },
};
