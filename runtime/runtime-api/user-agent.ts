// The User-Agent the bootstrap sends on every Runtime API request, in the `product/version` form
// of the official clients (aws-lambda-ric's native client sends `AWS_Lambda_Cpp/<version>`), with
// the Node.js version as a second product, so that the platform can tell clients apart.
/** The runtime package's version (test/unit checks it against runtime/package.json). */
export const RUNTIME_VERSION = '0.1.0';

export const USER_AGENT = `snapshot-restore/${RUNTIME_VERSION} node/${process.version}`;
