// Rewritten from maple3142/ebook-converter, server/ratelimit.js at af3a5f012366cc9fdc04a697660927560ca8f705.
// Changed: the Express middleware is wrapped as a Lambda handler (the request's IP comes from the event).
const { RateLimiterMemory } = require('rate-limiter-flexible');

const rateLimiter = new RateLimiterMemory({ // expect: none (constructor only: no timer, no clock kept)
  points: 1,
  duration: 5,
});
const rateLimitMiddleWare = (req, res, next) =>
  rateLimiter
    .consume(req.ip) // expect: none (per request)
    .then(() => next())
    .catch(() => res.status(429).send('Too Many Requests'));

exports.rateLimitMiddleWare = rateLimitMiddleWare;
exports.handler = async (event) => {
  let status = 200;
  const res = { status: (s) => ({ send: () => { status = s; } }) };
  await new Promise((resolve) => rateLimitMiddleWare({ ip: event.ip }, { status: (s) => { status = s; return { send: resolve }; } }, resolve));
  return { statusCode: status, res: !!res };
};
