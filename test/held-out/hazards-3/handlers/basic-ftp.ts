// basic-ftp 6.2.6: `new Client()` makes a FTPContext whose socket is not connected; access() / connect() open the
// control connection (dist/Client.js connect → this.ftp.socket.connect).
import { Client } from 'basic-ftp';
import { registerBeforeSnapshot } from 'snapshot-restore';

const ftp = new Client(10_000); // expect: none (constructor: an unconnected socket object)
await ftp.access({ host: process.env.FTP_HOST ?? 'ftp.internal', user: 'feed', password: process.env.FTP_PASSWORD ?? '' }).catch(() => undefined); // expect: SR107 (access() → connect(): the control connection stays open at the snapshot)

const archive = new Client(); // expect: none (constructor only)
await archive.access({ host: 'ftp-archive.internal', user: 'anonymous' }).catch(() => undefined); // expect: none (closed before the snapshot by the hook below; the handler connects again)
registerBeforeSnapshot(() => archive.close());

const probe = new Client();
await probe.access({ host: 'ftp-probe.internal' }).catch(() => undefined); // expect: none (closed again at init on the next line)
probe.close();

export const handler = async (event: { path: string }) => {
  if (archive.closed) await archive.access({ host: 'ftp-archive.internal', user: 'anonymous' });
  const list = await ftp.list(event.path);
  return { n: list.length };
};
