// Shape: Object.freeze'd singletons built at init; freezing changes nothing about what the values hold.
import ldap from 'ldapjs';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { TTLCache } from '@isaacs/ttlcache';
import { TZDate } from '@date-fns/tz';
import generator from 'generate-password';
import uuid from 'uuid-random';

export const services = Object.freeze({
  limiter: new RateLimiterMemory({ points: 10, duration: 1 }), // expect: none (constructor: no timer)
  cache: new TTLCache<string, string>({ ttl: 5000 }), // expect: none (constructor: no timer)
  instanceId: uuid(), // expect: SR104 (an ID made at init, kept in the frozen object)
  bootedAt: new TZDate(), // expect: SR105 (now, kept)
  directory: ldap.createClient({ url: process.env.LDAP_URL ?? 'ldap://ldap.internal:389' }), // expect: SR107 (createClient connects in the constructor)
  adminPassword: generator.generate({ length: 16, numbers: true }), // expect: SR103 (a password from randomBytes, kept)
});
services.directory.on('error', () => undefined);

export const limits = Object.freeze({ perMinute: 60, burst: 10, region: process.env.AWS_REGION ?? 'eu-west-1' }); // expect: none (constants)
const frozenDate = Object.freeze(new TZDate(2026, 0, 1, 'UTC')); // expect: none (a given date)

export const handler = async (event: { ip: string }) => {
  await services.limiter.consume(event.ip).catch(() => undefined);
  services.cache.set(event.ip, 'seen'); // expect: none (in the handler)
  return { id: services.instanceId, at: services.bootedAt.toISOString(), f: frozenDate.toISOString(), l: limits.perMinute };
};
