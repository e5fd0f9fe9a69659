exports.routes = { get: async () => ({ shape: "dotted" }) };
