exports.handler = async () => { throw new Error("outer failure", { cause: new TypeError("inner cause") }); };
