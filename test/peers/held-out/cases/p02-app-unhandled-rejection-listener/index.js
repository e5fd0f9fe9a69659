let seen = 0;
process.on("unhandledRejection", (r) => { seen++; console.log("app saw rejection", String(r)); });
exports.handler = async (event) => { if (event.n === 1) Promise.reject(new Error("stray")); await new Promise((r) => setTimeout(r, 100)); return { n: event.n, seen }; };
