// fast-jwt 6.3.6: createSigner() returns a function; signing sets iat from `clockTimestamp ?? Date.now()` unless
// noTimestamp (src/signer.js:128-133) and exp from iat + expiresIn.
const { createDecoder, createSigner, createVerifier } = require('fast-jwt');
const { registerAfterRestore } = require('snapshot-restore');

const sign = createSigner({ key: process.env.JWT_SECRET ?? 'dev-secret', expiresIn: 15 * 60 * 1000, iss: 'orders' }); // expect: none (a signing function: no clock read yet)
const serviceToken = sign({ sub: 'orders-service', scope: 'internal' }); // expect: SR105 (signer.js: iat = Date.now() at init and exp 15 minutes later: the token kept is expired soon after the restore)
const pinned = createSigner({ key: 'dev-secret', clockTimestamp: 1_700_000_000_000 })({ sub: 'fixture' }); // expect: none (clockTimestamp given: no clock read)
const bare = createSigner({ key: 'dev-secret', noTimestamp: true })({ sub: 'static' }); // expect: none (noTimestamp and no expiresIn: the token does not depend on the time)
const verify = createVerifier({ key: process.env.JWT_SECRET ?? 'dev-secret', cache: true }); // expect: none (a verifier function; its cache is filled per call)
const decode = createDecoder(); // expect: none (a decoder function)

let callbackToken = sign({ sub: 'callbacks' }); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  callbackToken = sign({ sub: 'callbacks' });
});

exports.handler = async (event) => {
  const perRequest = sign({ sub: event.userId }); // expect: none (in the handler)
  const claims = event.token ? verify(event.token) : decode(perRequest);
  return { claims, serviceToken, pinned, bare, callbackToken };
};
