process.on("exit", (c) => console.log("EXIT-LISTENER code=" + c));
exports.handler = async () => { process.exitCode = 4; process.exit(); };
