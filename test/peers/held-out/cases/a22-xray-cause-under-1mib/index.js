exports.handler = async (event) => { if (event.n === 1) { const e = new Error("k".repeat(300 * 1024)); e.name = "BigError"; throw e; } return { n: event.n }; };
