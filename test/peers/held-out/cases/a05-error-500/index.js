exports.handler = async (event) => { const e = new Error("fail " + event.n); e.name = "HandlerFail"; throw e; };
