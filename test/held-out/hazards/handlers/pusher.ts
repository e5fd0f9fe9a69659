// pusher-js 8 (the client library, with its Node build): the constructor connects once Pusher is ready, which in Node it is at load.
import Pusher from 'pusher-js';

export const pusher = new Pusher(process.env.PUSHER_KEY!, { cluster: 'eu' }); // expect: SR107 (dist/node/pusher.js: Isomorphic setup() calls Pusher.ready() at load, so Pusher.isReady is true and the constructor calls this.connect(): the WebSocket opens at init)
export const channel = pusher.subscribe('orders'); // expect: none (a channel object on the connection above)

export const handler = async () => {
  const local = new Pusher(process.env.PUSHER_KEY!, { cluster: 'eu' }); // expect: none (in the handler)
  local.disconnect();
  return { state: pusher.connection.state, subscribed: channel.subscribed };
};
