exports.handler = async (event) => { if (event.n === 1) setTimeout(() => { throw new Error("after return"); }, 50); return { n: event.n }; };
