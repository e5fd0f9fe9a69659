export const handler = async (event) => ({"shape":"mjs"});
