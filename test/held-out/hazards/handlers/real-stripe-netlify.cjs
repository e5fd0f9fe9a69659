// Real public handler: laserawaywakefield-spec/my-netlify-site, netlify/functions/stripe-webhook.js, commit e0898655532258ae02b3b6b77a2ad5e2cd38f5ab.
// Rewritten here; the init shape (a Stripe client constructed at module scope, CommonJS) is kept.
const Stripe = require('stripe');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY); // expect: none (stripe/cjs/stripe.cjs.node.js constructor: config only, no request)

exports.handler = async (event) => {
  if (event.httpMethod === 'GET') {
    return { statusCode: 200, body: 'OK' };
  }
  if (event.httpMethod !== 'POST') {
    return { statusCode: 405, body: 'Method Not Allowed' };
  }
  return { statusCode: 200, body: stripe ? 'Alive' : 'No client' };
};
