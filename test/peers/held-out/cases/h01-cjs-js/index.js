exports.handler = async (event) => ({"shape":"cjs-js"});
