export const handler = async (event) => ({"shape":"type-module"});
