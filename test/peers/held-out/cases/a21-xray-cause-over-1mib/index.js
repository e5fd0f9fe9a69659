exports.handler = async (event) => { if (event.n === 1) { const e = new Error("m".repeat(1536 * 1024)); e.name = "HugeError"; throw e; } return { n: event.n }; };
