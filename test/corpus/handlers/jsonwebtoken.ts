// jsonwebtoken 9: sign() stamps iat from the clock, and exp from iat + expiresIn.
import jwt from 'jsonwebtoken';

const secret = process.env.JWT_SECRET!;
export const serviceToken = jwt.sign({ sub: 'svc' }, secret, { expiresIn: '15m' }); // expect: SR105 (jsonwebtoken/sign.js: timestamp = Math.floor(Date.now() / 1000); payload.exp = timespan(options.expiresIn, timestamp): expired by the time of a restore)
export const forever = jwt.sign({ sub: 'svc' }, secret); // expect: none (no expiry: the iat stamp alone does not make the token unusable)
export const checked = jwt.verify(process.env.BOOT_TOKEN!, secret); // expect: none (verification reads the clock once, nothing kept that expires)

export const handler = async () => jwt.sign({ sub: 'req' }, secret, { expiresIn: 60 }); // expect: none (in the handler)
