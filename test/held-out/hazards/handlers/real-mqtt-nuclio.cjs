// Real public handler: IvanBuccella/CamAlert, Nuclio/functions/sender.js, commit 784890ae62dbc8cd94246e0b7aeebdd72f77b5c7.
// Rewritten here for a Lambda-style handler(event, context); the init shape is kept: connection
// options built at module scope with a random client ID, the client connected per invocation.
const mqtt = require('mqtt');
const url = require('node:url');

const mqttUrl = url.parse(process.env.MQTT_URL || 'mqtt://broker:1883');
const auth = (mqttUrl.auth || ':').split(':');
const brokerUrl = 'mqtt://' + mqttUrl.host;

const options = {
  port: mqttUrl.port,
  clientId: 'sender_' + Math.random().toString(16).substr(2, 8), // expect: SR101 (Math.random at init kept in the options: every restored environment connects with the same MQTT client ID, and the broker drops the older session)
  username: auth[0],
  password: auth[1],
};

exports.handler = (event, context) =>
  new Promise((resolve) => {
    const client = mqtt.connect(brokerUrl, options); // expect: none (in the handler)
    client.on('connect', () => {
      const data = { motionBlock: Math.floor(Math.random() * 10), cameraID: Math.floor(Math.random() * 5) }; // expect: none (in the handler)
      client.publish(process.env.MQTT_QUEUE, JSON.stringify(data), () => {
        client.end();
        resolve('MQTT Message Sent');
      });
    });
  });
