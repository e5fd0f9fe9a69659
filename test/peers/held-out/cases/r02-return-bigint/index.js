exports.handler = async () => ({ big: 10n });
