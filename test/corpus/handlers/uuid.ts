// uuid 14: random and time-based versions at init; name-based versions are deterministic.
import * as uuid from 'uuid';
import { v4 as uuidv4, v5, v7 } from 'uuid';

const NAMESPACE = '1b671a64-40d5-491e-99b0-da01ff1f3341';
export const instanceId = uuidv4(); // expect: SR104 (uuid/dist/v4.js: without options it is crypto.randomUUID(), which also fills Node's entropy cache)
export const sortable = v7(); // expect: SR104 (uuid/dist/v7.js: time and random bytes, plus a monotonic sequence state)
export const viaNamespace = uuid.v1(); // expect: SR104 (v1.js: clock sequence and node id chosen once, cloned with the snapshot)
export const tenantKey = v5('tenant-a', NAMESPACE); // expect: none (v35.js: SHA-1 of the namespace and the name, no randomness: the same everywhere by design)
export const dnsKey = uuid.v5('example.com', uuid.v5.DNS); // expect: none (deterministic, as above)
export const valid = uuid.validate(instanceId); // expect: none (a check, no value made)

export const handler = async () => ({ requestId: uuidv4(), instanceId, sortable }); // expect: none (in the handler)
