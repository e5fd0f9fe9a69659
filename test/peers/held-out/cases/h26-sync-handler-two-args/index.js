exports.handler = (event, context) => ({ sync: true, rid: typeof context.awsRequestId });
