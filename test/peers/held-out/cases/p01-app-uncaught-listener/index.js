let seen = 0;
process.on("uncaughtException", (e) => { seen++; console.log("app caught", e.message); });
exports.handler = async (event) => { if (event.n === 1) setTimeout(() => { throw new Error("late boom"); }, 10); await new Promise((r) => setTimeout(r, 100)); return { n: event.n, seen }; };
