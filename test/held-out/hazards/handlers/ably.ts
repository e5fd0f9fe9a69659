// ably 2.28: Realtime connects unless autoConnect: false; Rest has no connection.
import Ably from 'ably';

export const realtime = new Ably.Realtime(process.env.ABLY_API_KEY!); // expect: SR107 (build/ably-node.js BaseRealtime constructor: if (this.options.autoConnect !== false) this.connect(): the transport opens at init)
export const quiet = new Ably.Realtime({ key: process.env.ABLY_API_KEY, autoConnect: false }); // expect: none (ably-node.js: autoConnect false skips connect())
export const rest = new Ably.Rest(process.env.ABLY_API_KEY!); // expect: none (the REST client holds no connection; each call is an HTTP request)

export const handler = async (event: { name: string }) => {
  quiet.connect(); // expect: none (in the handler)
  await rest.channels.get('events').publish(event.name, {});
  return { state: realtime.connection.state };
};
