// kafkajs 2: the Kafka object and producers are lazy; connect() opens the broker connections.
import { Kafka } from 'kafkajs';

export const kafka = new Kafka({ clientId: 'app', brokers: ['kafka:9092'] }); // expect: none (kafkajs/src/index.js: the constructor stores config; no broker connection)
export const producer = kafka.producer(); // expect: none (src/producer/index.js: builds the producer; connect() connects the cluster)
await producer.connect(); // expect: SR107 (producer connect: cluster.connect() opens broker sockets at init)
export const consumer = kafka.consumer({ groupId: 'app' }); // expect: none (same: lazy until connect())

export const handler = async () => producer.send({ topic: 't', messages: [{ value: 'v' }] }); // expect: none (in the handler)
