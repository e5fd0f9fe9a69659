exports.handler = async (event, context) => ({ cc: context.clientContext, id: context.identity });
