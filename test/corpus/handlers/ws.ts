// ws 8: the WebSocket constructor starts the HTTP upgrade request at once.
import WebSocket from 'ws';

export const socket = new WebSocket('wss://stream.example.com'); // expect: SR107 (ws/lib/websocket.js constructor → initAsClient → http(s).request(...))

export const handler = async () => socket.readyState;
