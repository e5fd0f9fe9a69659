import { randomBytes } from 'node:crypto';

/** The body of Lambda's container-credentials endpoint (`GET /2021-04-23/credentials`). */
export interface ContainerCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Fake but well-formed temporary credentials, new on every call, so that a test can tell a
 * refreshed credential from one cached at init. They authorise nothing anywhere.
 */
export function fakeCredentials(now: number = Date.now()): ContainerCredentials {
  return {
    // Temporary (STS) access key ids start with ASIA and are 20 characters long.
    AccessKeyId: `ASIA${[...randomBytes(16)].map((byte) => KEY_ID_ALPHABET[byte % 32]).join('')}`,
    SecretAccessKey: randomBytes(30).toString('base64'),
    Token: randomBytes(240).toString('base64'),
    // One hour, like the credentials Lambda hands out; whole seconds, like AWS's timestamps.
    Expiration: new Date(now + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** A random value for `AWS_CONTAINER_AUTHORIZATION_TOKEN`. */
export function newAuthorizationToken(): string {
  return randomBytes(24).toString('base64url');
}
