// Shapes the checks read without a table: IDs kept through conversions and destructuring, values
// parsed from what they are given, and hooks registered per element of a list.
import { ObjectId } from 'bson';
import { generateKeyPair } from 'jose';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const bootHex = ObjectId.generate().toString('hex'); // expect: SR104 (bson ObjectId.generate(): the time, PROCESS_UNIQUE and a counter from a random start, made at init; toString keeps it)
export const tenant = ObjectId.createFromHexString(process.env.TENANT_ID ?? '507f1f77bcf86cd799439011'); // expect: none (parses a given string)
export const { publicKey, privateKey } = await generateKeyPair('ES256'); // expect: SR103 (jose generate_key_pair.js → crypto.subtle.generateKey at init: the same private key in every restore)

const events = io(process.env.EVENTS_URL ?? 'http://events.internal'); // expect: none (socket.io-client manager.js connects at init (autoConnect), and the forEach below disconnects it before the snapshot and connects it after the restore)
const presence = io(process.env.PRESENCE_URL ?? 'http://presence.internal'); // expect: none (the same)
[events, presence].forEach((socket) => {
  registerBeforeSnapshot(() => {
    socket.disconnect();
  });
  registerAfterRestore(() => {
    socket.connect();
  });
});
const telemetry = mqtt.connect(process.env.MQTT_URL ?? 'mqtt://broker.internal'); // expect: SR107 (mqtt client.js constructor connects; no hook renews it)
const brokers = [mqtt.connect(process.env.MQTT_URL ?? 'mqtt://broker.internal', { clientId: 'a' })]; // expect: none (ended before the snapshot and reconnected after the restore by the loop below)
for (const client of brokers) {
  registerBeforeSnapshot(() => client.endAsync());
  registerAfterRestore(() => {
    client.reconnect();
  });
}

export const handler = async (event: { room: string }) => {
  events.emit('join', event.room);
  presence.emit('here', event.room);
  await telemetry.publishAsync('t', event.room);
  return { bootHex, tenant: tenant.toHexString(), publicKey, privateKey, brokers: brokers.length, id: new ObjectId().toHexString() }; // expect: none (in the handler)
};
