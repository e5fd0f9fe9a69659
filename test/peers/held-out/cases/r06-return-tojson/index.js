exports.handler = async () => ({ d: new Date(0), m: new Map([[1,2]]), t: { toJSON() { return "custom"; } }, u: undefined, f() {} });
