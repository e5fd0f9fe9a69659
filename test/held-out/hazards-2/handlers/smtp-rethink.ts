// nodemailer 10.6 and rethinkdb-ts 3.0.
import nodemailer from 'nodemailer';
import { r } from 'rethinkdb-ts';

const transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST ?? 'smtp.internal', port: 587, auth: { user: 'app', pass: 'local-only' } }); // expect: none (dist/cjs/smtp-transport: options only; a connection per sendMail)
await transporter.verify().catch(() => false); // expect: none (smtp-transport verify(): connects, authenticates, then connection.quit()/close(): nothing open at the snapshot)

const pooled = nodemailer.createTransport({ pool: true, host: process.env.SMTP_HOST ?? 'smtp.internal', port: 587, maxConnections: 2 }); // expect: none (dist/cjs/smtp-pool: connections open on the first send)

export const pool = await r.connectPool({ servers: [{ host: process.env.RETHINK_HOST ?? 'rethink.internal', port: 28015 }], db: 'app', silent: true, waitForHealthy: false }); // expect: SR107 (lib/connection/master-pool.js: connectPool() starts the server pools, which open buffer (= servers.length, at least 1) connections at once; they stay open)

export const handler = async (event: { to: string }) => {
  const info = await pooled.sendMail({ to: event.to, from: 'noreply@example.com', subject: 'hi', text: 'hi' }); // expect: none (in the handler)
  const rows = await r.table('users').limit(1).run(); // expect: none (in the handler)
  return { id: info.messageId, rows, t: !!transporter };
};
