exports.handler = (event, context, callback) => callback(Object.assign(new Error("cb failed"), { name: "CbError" }));
