// A module re-exported through `export *`: its top level runs when the entry's import graph is evaluated (init).
// uniqid: mac + pid + Date.now() ID; bson-objectid: ObjectID() generates.
import uniqid from 'uniqid';
import ObjectID from 'bson-objectid';

export const nodeId = uniqid('node-'); // expect: SR104 (evaluated at init when the barrel is imported: the ID is kept)
export const newDocId = () => ObjectID().toHexString(); // expect: none (a function: called only in the handler)
