// amqplib 2: connect() is the only way in, and it opens the socket.
import amqp from 'amqplib';

export const connection = await amqp.connect(process.env.AMQP_URL!); // expect: SR107 (amqplib/channel_api.js connect() → raw_connect: the socket is open at the snapshot)
export const channel = await connection.createChannel(); // expect: none (a channel on the connection above: the finding is the connection's)

export const handler = async () => channel.sendToQueue('q', Buffer.from('x')); // expect: none (in the handler)
