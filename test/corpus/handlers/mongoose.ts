// mongoose 9: connect() and createConnection(uri) open at once.
import mongoose from 'mongoose';

await mongoose.connect(process.env.MONGODB_URI!); // expect: SR107 (mongoose/lib/mongoose.js connect() → conn.openUri(uri))
export const second = mongoose.createConnection(process.env.MONGODB_URI!); // expect: SR107 (mongoose.js createConnection: with arguments it calls conn.openUri fire-and-forget)
export const unopened = mongoose.createConnection(); // expect: none (no arguments: openUri is not called)
export const User = mongoose.model('User', new mongoose.Schema({ name: String })); // expect: none (a model, no I/O)

export const handler = async () => User.findOne({}); // expect: none (in the handler)
