exports.handler = async (event) => { await new Promise((r) => setTimeout(r, 400)); return { n: event.n }; };
