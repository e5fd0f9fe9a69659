// bson 7: ObjectId is a generated ID: 4-byte time, 5 random bytes per process, a counter from a random start.
import { ObjectId, UUID } from 'bson';

export const instanceId = new ObjectId(); // expect: SR104 (bson/lib/bson.mjs: new ObjectId() with no argument calls ObjectId.generate(): the same ID, and the same PROCESS_UNIQUE bytes and counter, in every restore)
export const hex = ObjectId.generate().toString('hex'); // expect: SR104 (the same generator, called directly)
export const sessionUuid = new UUID(); // expect: SR104 (bson/lib/bson.mjs UUID constructor with no argument: UUID.generate(), random bytes at init)
export const fixed = new ObjectId('507f1f77bcf86cd799439011'); // expect: none (parses a given hex string; nothing is generated)
export const parsed = ObjectId.createFromHexString(process.env.TENANT_ID!); // expect: none (parses a given string)

export const handler = async () => ({ requestId: new ObjectId().toHexString(), instanceId, hex, sessionUuid, fixed, parsed }); // expect: none (in the handler)
