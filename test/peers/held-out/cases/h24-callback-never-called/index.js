exports.handler = (event, context, callback) => { /* never calls back */ };
