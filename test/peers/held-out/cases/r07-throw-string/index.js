exports.handler = async () => { throw "just a string"; };
