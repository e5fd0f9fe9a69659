exports.handler = async () => undefined;
