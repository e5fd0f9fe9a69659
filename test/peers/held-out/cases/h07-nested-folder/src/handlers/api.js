exports.handler = async (event) => ({"shape":"nested"});
