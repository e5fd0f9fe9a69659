exports.handler = async () => { const o = { a: 1 }; o.self = o; return o; };
