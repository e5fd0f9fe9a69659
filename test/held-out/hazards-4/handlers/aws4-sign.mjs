// aws4 1.13.2 (aws4.js): sign(request, credentials) signs with the given credentials, or else reads
// process.env.AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN itself (defaultCredentials, line 337),
// and stamps X-Amz-Date from `new Date` when the request has no Date header (line 188); the signed headers are
// valid for a few minutes. Under SnapStart Lambda does not set those variables.
import aws4 from 'aws4';

const host = process.env.SEARCH_HOST ?? 'search-orders.eu-west-1.es.amazonaws.com';

const envSigned = aws4.sign({ host, path: '/orders/_search', service: 'es', region: 'eu-west-1' }); // expect: SR108 (aws4 reads the AWS_* credential variables itself: unset under SnapStart, and the signature is kept)
const keyId = process.env.AWS_ACCESS_KEY_ID; // expect: SR108 (unset under SnapStart)
const explicit = aws4.sign({ host, path: '/orders/_count', service: 'es', region: 'eu-west-1' }, { accessKeyId: keyId, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, sessionToken: process.env.AWS_SESSION_TOKEN }); // expect: SR108 (the secret key and session token read from the environment: unset under SnapStart)
const datedRequest = aws4.sign({ host, path: '/health', service: 'es', region: 'eu-west-1', headers: { Date: 'Mon, 01 Jan 2024 00:00:00 GMT' } }, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }); // expect: none (a fixed date and test keys: a reproducible example signature)
const region = process.env.AWS_REGION ?? 'eu-west-1'; // expect: none (a function setting, set under SnapStart)

export const handler = async (event) => {
  const signed = aws4.sign({ host, path: `/orders/_doc/${event.id}`, service: 'es', region }); // expect: SR108 (in the handler, but aws4 reads the AWS_* credential variables, unset under SnapStart wherever they are read)
  return { signed: signed.headers, envSigned: envSigned.headers, explicit: explicit.headers, datedRequest: datedRequest.headers };
};
