// Rewritten from hftlclub/cis, modules/ldap.js at e2f2a481a1b275c2c807d7b18de22d1fd7b19696 (an LDAP client shared by
// the app). Changed: the config module is replaced by environment variables, an error listener is added so that a
// failed connection does not crash the process, and a Lambda handler that searches with the client is added.
// ldapjs 3.0.7: createClient → Client constructor → this.connect() (lib/client/client.js:166).
var ldapjs = require('ldapjs');
var config = { ldap: { server: process.env.LDAP_SERVER || 'ldap.internal', port: process.env.LDAP_PORT || 389, admindn: process.env.LDAP_ADMIN_DN || 'cn=admin,dc=example,dc=com', adminpw: process.env.LDAP_ADMIN_PW || '' } };

//create LDAP client
var client = ldapjs.createClient({ // expect: SR107 (client.js constructor connects before createClient returns; nothing closes or renews it)
  url: 'ldap://' + config.ldap.server + ':' + config.ldap.port,
});
client.on('error', function () {});

//bind to LDAP server
client.bind(config.ldap.admindn, config.ldap.adminpw, function (err) {}); // expect: none (a bind on the client already reported: one finding per client)

exports.client = client;
exports.handler = async (event) =>
  new Promise((resolve) => {
    client.search('ou=people,dc=example,dc=com', { filter: '(uid=' + event.uid + ')', scope: 'sub' }, function (err, res) {
      if (err) return resolve({ found: false });
      var found = false;
      res.on('searchEntry', function () { found = true; });
      res.on('error', function () { resolve({ found: false }); });
      res.on('end', function () { resolve({ found: found }); });
    });
  });
