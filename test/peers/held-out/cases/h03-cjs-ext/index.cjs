exports.handler = async (event) => ({"shape":"cjs"});
