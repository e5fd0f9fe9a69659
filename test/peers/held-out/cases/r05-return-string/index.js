exports.handler = async () => "plain string";
