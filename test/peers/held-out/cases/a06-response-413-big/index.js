exports.handler = async (event) => event.n === 1 ? { big: "y".repeat(7 * 1024 * 1024) } : { small: true };
