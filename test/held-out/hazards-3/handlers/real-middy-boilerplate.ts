// Rewritten from hoangnguyenba/lambda_boilerplate, src/libs/lambda.ts at 2fec18e1543ab5180cc5e2fa414d9e3caef8bdde.
// Changed: @middy/http-json-body-parser is left out (not installed here), getInternal is imported from @middy/util
// (a dependency of @middy/ssm), the parameter name is shortened, and the file calls middyfy() at module scope for one
// handler, as the project's functions do. @middy/ssm 6.4.5 prefetches when the middleware is made (index.js:168-171)
// and keeps the values for cacheExpiry -1 (forever, the default).
import middy from '@middy/core';
import ssm from '@middy/ssm';
import { getInternal } from '@middy/util';

export const middyfy = (handler: any) => {
  return middy(handler)
    .use(ssm({ // expect: none (ssm() prefetches at init through middyfy() below and caches forever, but what it fetches is a configuration document (swg_check_envs), not a credential or a secret: SR108 covers secrets, as powertools-parameters.ts and ssm-rds-signer.ts label plain parameters)
      fetchData: {
        configs: '/sphtech/swg/dev/swg_check_envs',
      },
      cacheKey: 'ssm-configs',
    }))
    .before(async (request: any) => {
      const data = await getInternal(['configs'], request); // expect: none (per invoke)
      Object.assign(request.context, data);
    });
};

export const handler = middyfy(async (_event: unknown, context: any) => ({ ok: !!context.configs })); // expect: none (reported inside middyfy)
