// mqtt 5.16: MqttClient connects in its constructor unless manualConnect.
import mqtt from 'mqtt';

export const client = mqtt.connect(process.env.MQTT_URL!, { clientId: 'orders-lambda' }); // expect: SR107 (mqtt/build/lib/connect/index.js connect() → new MqttClient(): build/lib/client.js constructor calls this.connect() unless options.manualConnect)
export const manual = mqtt.connect(process.env.MQTT_URL!, { manualConnect: true }); // expect: none (client.js: manualConnect skips this.connect() in the constructor)
export const asyncClient = await mqtt.connectAsync(process.env.MQTT_URL!); // expect: SR107 (connect/index.js connectAsync(): resolves on 'connect', the stream open)

export const handler = async (event: { topic: string; message: string }) => {
  if (!manual.connected) manual.connect(); // expect: none (in the handler)
  await client.publishAsync(event.topic, event.message);
  return { ok: asyncClient.connected };
};
