// Shape: hooks registered for several clients at once with forEach at init.
import { io } from 'socket.io-client';
import mqtt from 'mqtt';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const events = io(process.env.EVENTS_URL!); // expect: none (connects at init (manager.js autoConnect), but the forEach below disconnects it before the snapshot and reconnects it after the restore)
const presence = io(process.env.PRESENCE_URL!); // expect: none (same: renewed by the hooks below)
[events, presence].forEach((s) => {
  registerBeforeSnapshot(() => {
    s.disconnect();
  });
  registerAfterRestore(() => {
    s.connect();
  });
});

const telemetry = mqtt.connect(process.env.MQTT_URL!); // expect: SR107 (mqtt client.js constructor connects; it is not in the list the hooks renew)
const clients = [mqtt.connect(process.env.MQTT_URL!, { clientId: 'a' })]; // expect: none (ended before the snapshot and reconnected after the restore by the loop below)
for (const c of clients) {
  registerBeforeSnapshot(() => c.endAsync());
  registerAfterRestore(() => {
    c.reconnect();
  });
}

export const handler = async (event: { room: string }) => {
  events.emit('join', event.room);
  presence.emit('here', event.room);
  await telemetry.publishAsync('t', event.room);
  return { ok: clients.length };
};
