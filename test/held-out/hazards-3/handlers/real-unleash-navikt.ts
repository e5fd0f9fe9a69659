// Rewritten from navikt/dp-saksbehandling-frontend, app/unleash.ts at 9e57ef006a88c20abf403033f097d8bb0e64ea66.
// Changed: getEnv() from ~/utils/env.utils is replaced by process.env with defaults, and a Lambda handler that reads a
// toggle is added. unleash-client 6.12.2: initialize() → Unleash.getInstance → constructor queues start() in
// process.nextTick (lib/unleash.js:139-140): the toggles fetch and its refresh timer run at init.
import { initialize } from 'unleash-client';

const getEnv = (name: string) => process.env[name] ?? (name.endsWith('URL') ? 'https://unleash.internal/api/' : 'dev-token'); // expect: none (reads configuration)

export const unleash = initialize({ // expect: SR107 (the Unleash client starts at init: a fetch through a keep-alive agent, polling timers with it)
  url: getEnv('UNLEASH_SERVER_API_URL'),
  appName: 'dp-saksbehandling-frontend',
  customHeaders: { Authorization: getEnv('UNLEASH_SERVER_API_TOKEN') },
});
unleash.on('error', () => undefined);

export const handler = async (event: { saksbehandler: string }) => ({
  nyOppgaveliste: unleash.isEnabled('dp-saksbehandling-frontend.ny-oppgaveliste', { userId: event.saksbehandler }),
});
