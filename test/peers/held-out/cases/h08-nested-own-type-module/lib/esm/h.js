export const handler = async (event) => ({"shape":"nested-esm"});
