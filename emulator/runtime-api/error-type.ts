/** What Lambda records when a runtime sends an error type it does not accept. */
export const UNKNOWN_ERROR_TYPE = 'Runtime.Unknown';

// Lambda only keeps `Runtime.*` and `Function.*` names; anything else becomes Runtime.Unknown.
const VALID_ERROR_TYPE = /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/;

/** The error type Lambda would record for a `Lambda-Runtime-Function-Error-Type` header value. */
export function validErrorType(header: string | undefined): string {
  return header !== undefined && VALID_ERROR_TYPE.test(header) ? header : UNKNOWN_ERROR_TYPE;
}
