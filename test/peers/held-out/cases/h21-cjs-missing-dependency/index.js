const x = require("definitely-not-installed-pkg");
exports.handler = async () => x;
