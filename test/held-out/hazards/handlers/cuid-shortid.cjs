// cuid 3 (deprecated) and shortid 2.2, CommonJS.
const cuid = require('cuid');
const shortid = require('shortid');

shortid.characters('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$@'); // expect: none (lib/index.js characters(): sets the alphabet, no ID)
const bootCuid = cuid(); // expect: SR104 (cuid/index.js cuid(): timestamp, counter, fingerprint and Math.random-based blocks, made at init and kept)
const slug = cuid.slug(); // expect: SR104 (cuid.slug(): a shorter ID, same sources)
const requestPrefix = shortid.generate(); // expect: SR104 (shortid lib/index.js generate(): an ID at init)
const valid = shortid.isValid(process.env.LEGACY_ID); // expect: none (checks a given string)

exports.handler = async () => ({ id: cuid(), short: shortid.generate(), bootCuid, slug, requestPrefix, valid }); // expect: none (in the handler)
