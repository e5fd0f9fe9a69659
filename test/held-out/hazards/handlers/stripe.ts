// stripe 23: the client holds keep-alive agents; a request at init leaves a socket in them.
import Stripe from 'stripe';

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!); // expect: none (stripe/esm/stripe.esm.node.js constructor: config and a NodeHttpClient; no request)
export const prices = await stripe.prices.list({ active: true, limit: 10 }); // expect: SR107 (stripe/esm/net/NodeHttpClient.js: requests use defaultHttpsAgent = new https.Agent({ keepAlive: true }), so the socket is in the agent's free list at the snapshot)
export const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET!;

export const handler = async (event: { body: string; headers: Record<string, string> }) => {
  const evt = stripe.webhooks.constructEvent(event.body, event.headers['stripe-signature']!, webhookSecret); // expect: none (in the handler: an HMAC check, no request)
  const customer = await stripe.customers.retrieve(String(evt.data.object)); // expect: none (in the handler)
  return { customer, prices: prices.data.length };
};
