// twilio 6.3 and @sendgrid/mail 8.1 (CommonJS, as in their READMEs).
const twilio = require('twilio');
const sgMail = require('@sendgrid/mail');

const client = twilio(process.env.TWILIO_ACCOUNT_SID || 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', process.env.TWILIO_AUTH_TOKEN || 'local-only'); // expect: none (lib/rest/Twilio.js + base/BaseTwilio.js: stores credentials; the RequestClient and its keep-alive https.Agent are made lazily; no request)
sgMail.setApiKey(process.env.SENDGRID_API_KEY || 'SG.local-only'); // expect: none (@sendgrid/client: stores the Authorization header; no request)

const account = client.api.v2010.accounts(process.env.TWILIO_ACCOUNT_SID || 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx').fetch(); // expect: SR107 (lib/base/RequestClient.js: keepAlive defaults to true (opts.keepAlive !== false); the https.Agent keeps the socket at the snapshot)

exports.handler = async (event) => {
  await account.catch(() => undefined);
  const msg = await client.messages.create({ to: event.to, from: '+15005550006', body: 'hi' }); // expect: none (in the handler)
  await sgMail.send({ to: event.to, from: 'noreply@example.com', subject: 'hi', text: 'hi' }); // expect: none (in the handler)
  return { sid: msg.sid };
};
