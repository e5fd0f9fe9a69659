// Shape: Proxy-based lazy wrappers: the factory runs on the first property access, so what counts is whether init touches
// the proxy. Work is expected inside the factory (the arrow on the wrapping line), where it happens.
import ldap from 'ldapjs';
import cryptoRandomString from 'crypto-random-string';
import { initialize } from 'unleash-client';
import { v4 as quickUuid } from '@lukeed/uuid';

function lazyClient(factory) {
  let instance;
  return new Proxy(
    {},
    {
      get(_target, prop) {
        instance ??= factory();
        const value = instance[prop];
        return typeof value === 'function' ? value.bind(instance) : value;
      },
    },
  );
}

function lazyValue(make) {
  let cached;
  return { get value() { return (cached ??= make()); } };
}

export const directory = lazyClient(() => ldap.createClient({ url: process.env.LDAP_URL ?? 'ldap://ldap.internal:389' })); // expect: SR107 (the .on() below touches the proxy at init, so the factory runs: createClient connects in its constructor)
directory.on('error', () => undefined); // expect: none (the access that runs the factory; the socket is reported where it opens)

export const flags = lazyClient(() => initialize({ url: 'https://unleash.internal/api/', appName: 'proxy' })); // expect: none (the proxy is touched only in the handler)

const signingKey = lazyValue(() => cryptoRandomString({ length: 32 })); // expect: SR103 (read at init on the next line: the key is drawn inside the factory and kept in `cached`)
const keyLength = signingKey.value.length; // expect: none (reported inside the factory)

const requestScoped = lazyValue(() => quickUuid()); // expect: none (only read in the handler)

export const handler = async (event) => ({
  on: flags.isEnabled('x', { userId: event.userId }),
  keyLength,
  r: requestScoped.value,
  d: typeof directory.search,
});
