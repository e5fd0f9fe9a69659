// ID generators whose state is drawn at init: hyperid, bson's ObjectId (also through mongodb).
import { ObjectId } from 'bson';
import hyperid from 'hyperid';
import { ObjectId as DriverObjectId } from 'mongodb';
import { registerAfterRestore } from 'snapshot-restore';

export const nextId = hyperid(); // expect: SR104 (hyperid/hyperid.js hyperid(): generate.uuid = uuidv4() (uuid-node.js: crypto.randomUUID) once, at creation; every ID is that UUID plus a counter, the same in every restored environment)
export const urlSafeId = hyperid({ urlSafe: true }); // expect: SR104 (the same factory)
let renewedId = hyperid(); // expect: none (made again after the restore below)
registerAfterRestore(() => {
  renewedId = hyperid();
});

export const tenant = new ObjectId(); // expect: SR104 (bson/lib/bson.cjs ObjectId constructor: no id given → PROCESS_UNIQUE = ByteUtils.randomBytes(5), and the ID is made at init)
export const fromHex = new ObjectId('64b7f1c2a1b2c3d4e5f60718'); // expect: none (ObjectId constructor: an id given as a hex string is parsed (ByteUtils.fromHex); nothing is drawn)
export const driverId = new DriverObjectId(); // expect: SR104 (mongodb re-exports bson's ObjectId: the same constructor)

export const handler = async () => ({ id: nextId(), url: urlSafeId(), renewed: renewedId(), fresh: new ObjectId().toHexString(), tenant, fromHex, driverId }); // expect: none (in the handler)
