async function handler(event) { return { shape: "module.exports={handler}", n: event.n }; }
module.exports = { handler };
