exports.handler = (event) => new Promise(() => { setTimeout(() => { throw new Error("during invoke"); }, 20); });
