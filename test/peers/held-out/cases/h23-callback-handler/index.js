exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { style: "callback", n: event.n }), 5); };
