// Real public handler: Ap3teus/riffstop, functions/src/hello.ts, commit 705dd0ba3b624f5dc6e3ef008ad9345c11e0595e.
// Kept as it is (the aws-lambda Handler type is written out); its db module is lib/riffstop-db.ts.
import { db } from './lib/riffstop-db.ts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export const handler: Handler = async (event, context) => {
  console.log('asd');
  const res = await db.any(`select * from foo;`); // expect: none (in the handler)

  return {
    statusCode: 200,
    body: JSON.stringify(res),
  };
};
