// mongodb 7: the client connects in connect() (or on its first operation), not when constructed.
import { MongoClient } from 'mongodb';

export const client = new MongoClient(process.env.MONGODB_URI!); // expect: none (mongodb/lib/mongo_client.js: the constructor parses options; connect() or the first operation's autoConnect opens the topology)
export const db = client.db('app'); // expect: none (a Db handle, no I/O)
const connected = new MongoClient(process.env.MONGODB_URI!); // expect: none (constructor only)
await connected.connect(); // expect: SR107 (mongo_client.js connect() → _connect(): topology, sockets and monitor timers are live at the snapshot)
export const viaStatic = await MongoClient.connect(process.env.MONGODB_URI!); // expect: SR107 (static connect(url) = new MongoClient(url).connect())

export const handler = async () => {
  return db.collection('users').findOne({}); // expect: none (in the handler)
};
