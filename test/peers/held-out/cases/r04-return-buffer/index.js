exports.handler = async () => Buffer.from("hi there");
