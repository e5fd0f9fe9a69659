process.on("SIGTERM", () => { console.log("SIGTERM-CLEANUP"); process.exit(0); });
exports.handler = async () => ({ ok: true });
