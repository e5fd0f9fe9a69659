// MQTT.js 5: connect() returns a client that is already connecting.
import mqtt from 'mqtt';

export const client = mqtt.connect(process.env.MQTT_URL!); // expect: SR107 (mqtt/build/lib/connect/index.js connect() → new MqttClient(): build/lib/client.js constructor calls this.connect() → the stream builder opens a net/tls socket)

export const handler = async () => {
  const fresh = mqtt.connect(process.env.MQTT_URL!); // expect: none (in the handler)
  return fresh.connected || client.connected;
};
