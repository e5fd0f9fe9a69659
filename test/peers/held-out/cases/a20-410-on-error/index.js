exports.handler = async (event) => { if (event.n === 1) throw new Error("first fails"); return { n: event.n }; };
