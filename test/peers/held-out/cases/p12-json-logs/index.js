console.log("init line", { a: 1 });
exports.handler = async (event) => { console.info("info", 42); console.warn("warned"); console.error(new TypeError("logged error")); console.debug("dbg %s", "fmt"); return { ok: true }; };
