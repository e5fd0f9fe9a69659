// Real public handler: pBread/twilio-pay-outbound-example, functions/webhooks/incoming-call.js,
// commit a55128e40019e10d69c47a91dff0b73fcaa885c1. Kept as it is, with local placeholders for unset variables.
const { ACCOUNT_SID = 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', AUTH_TOKEN = 'local-only' } = process.env;
const client = require('twilio')(ACCOUNT_SID, AUTH_TOKEN); // expect: none (lib/rest/Twilio.js: stores the credentials; no request, the RequestClient is made lazily)

exports.handler = async function wrapper(ctx, event, callback) {
  try {
    return handler(ctx, event, callback);
  } catch (error) {
    console.error(error);
    callback(error);
  }
};

async function handler(ctx, event, callback) {
  return client.accountSid; // expect: none (runs at invoke time)
}
