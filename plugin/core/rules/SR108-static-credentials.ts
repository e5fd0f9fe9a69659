// SR108: a read of the static AWS credential variables. Under SnapStart Lambda does not set
// them (credentials come from the container credentials endpoint), so the read is undefined.
import { defineRule } from './rule.js';
import { IGNORE_HELP, type UniquenessRule } from './uniqueness-rule.js';

/** The variables SnapStart leaves unset. */
export const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

const rule = defineRule({
  id: 'SR108',
  name: 'static-credentials',
  title: 'a read of AWS credentials from the environment',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `Reading static AWS credentials from the environment: under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN (credentials come from the container credentials endpoint, AWS_CONTAINER_CREDENTIALS_FULL_URI), so the read is undefined. Let the AWS SDK's default credential provider chain find credentials; do not read the key variables. ${IGNORE_HELP('SR108')}`,
  messages: {
    readsCredential:
      '`process.env.{{variable}}`: under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN: credentials come from the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), so this reads undefined',
  },
  suggestions: {
    providerChain:
      "let the AWS SDK find credentials: its default provider chain reads the container credentials endpoint (e.g. `fromNodeProviderChain()` from '@aws-sdk/credential-providers'); create clients without explicit keys",
  },
  checks: ['module/uniqueness.ts'],
});

export const SR108: UniquenessRule<'SR108'> = {
  ...rule,
  match: { needsStore: false },
  describe: (found) => ({
    message: rule.message('readsCredential', { variable: found.variable ?? '' }),
    suggestion: rule.suggest('providerChain'),
  }),
};
