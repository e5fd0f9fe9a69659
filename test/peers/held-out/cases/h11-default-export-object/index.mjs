export default { handler: async (event) => ({ shape: "default-object", n: event.n }) };
