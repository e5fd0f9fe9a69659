// Rewritten from alura-cursos/2969-workflow-dev, src/services/unleash.js at 360b736c866851abc87585eb044231326e7adc31.
// Changed: the client is made lazily on first use instead of at module scope (the safe variant of the original
// `const unleash = initialize({...})`), and a Lambda handler is added.
import { initialize } from 'unleash-client';

let unleash;
function getUnleash() {
  unleash ??= initialize({ // expect: none (only called from the handler)
    url: process.env.UNLEASH_URL ?? 'https://unleash.internal/api/',
    appName: 'default',
    customHeaders: { Authorization: process.env.UNLEASH_TOKEN ?? 'dev' },
  });
  return unleash;
}

export default getUnleash;
export const handler = async () => ({ enabled: getUnleash().isEnabled('feature-x') });
