exports.handler = async () => { console.log("hidden"); console.debug("hidden2"); console.warn("shown"); console.error("shown2"); return 1; };
