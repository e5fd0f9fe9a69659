exports.handler = async (event) => ({"shape":"type-commonjs"});
