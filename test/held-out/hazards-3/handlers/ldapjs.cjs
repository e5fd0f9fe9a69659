// ldapjs 3.0.7: createClient() returns a Client whose constructor ends with this.connect() (lib/client/client.js:166),
// which opens net.connect / tls.connect (client.js:835-838) before createClient returns.
const ldap = require('ldapjs');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const directory = ldap.createClient({ url: process.env.LDAP_URL ?? 'ldap://ldap.internal:389', timeout: 5000 }); // expect: SR107 (client.js constructor calls this.connect(): net.connect to the server before createClient returns)
directory.on('error', () => undefined); // expect: none (a listener on the client already counted)

let admin = ldap.createClient({ url: ['ldap://ldap-a.internal:389', 'ldap://ldap-b.internal:389'] }); // expect: none (unbound before the snapshot and made again after the restore by the hooks below)
admin.on('error', () => undefined);
registerBeforeSnapshot(() => new Promise((resolve) => admin.unbind(() => resolve())));
registerAfterRestore(() => {
  admin = ldap.createClient({ url: ['ldap://ldap-a.internal:389', 'ldap://ldap-b.internal:389'] });
  admin.on('error', () => undefined);
});

const filter = ldap.parseFilter('(&(objectClass=person)(uid=*))'); // expect: none (parseFilter is pure parsing: no socket)
const dn = ldap.parseDN('ou=people,dc=example,dc=com'); // expect: none (a DN object, no I/O)

function search(client, base, opts) {
  return new Promise((resolve, reject) => {
    client.search(base, opts, (err, res) => {
      if (err) return reject(err);
      const entries = [];
      res.on('searchEntry', (e) => entries.push(e.pojo));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

exports.handler = async (event) => {
  const perRequest = ldap.createClient({ url: 'ldap://ldap.internal:389' }); // expect: none (in the handler)
  perRequest.on('error', () => undefined);
  const found = await search(directory, dn.toString(), { filter, scope: 'sub' }).catch(() => []);
  perRequest.unbind(() => undefined);
  return { n: found.length, uid: event.uid, admin: !!admin };
};
