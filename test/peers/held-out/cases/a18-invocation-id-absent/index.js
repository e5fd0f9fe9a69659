exports.handler = async (event) => { if (event.n === 2) throw new Error("e2"); return { n: event.n }; };
