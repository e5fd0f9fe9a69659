// Shape: a default-export factory called at init (lib/make-services.mjs); its work is reported inside it.
import makeServices, { createRequestServices } from './lib/make-services.mjs';

const services = makeServices({ jobsUrl: process.env.JOBS_URL ?? 'postgres://pg.internal/jobs', configKey: 'IIIIIIIIIIIIIIIIIIIIII/JJJJJJJJJJJJJJJJJJJJJJ' }); // expect: none (reported inside makeServices)

export const handler = async () => {
  const perRequest = createRequestServices();
  const on = await services.flags.getValueAsync('x', false);
  return { on, at: perRequest.at.toString(), built: services.builtAt.toString(), p: services.internalPassword.length };
};
