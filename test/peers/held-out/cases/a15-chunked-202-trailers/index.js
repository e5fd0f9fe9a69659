exports.handler = async (event) => { if (event.n === 2) throw new Error("second fails"); return { n: event.n }; };
