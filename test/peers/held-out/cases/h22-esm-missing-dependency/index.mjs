import x from "definitely-not-installed-pkg";
export const handler = async () => x;
