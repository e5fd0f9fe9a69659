exports.handler = () => Promise.reject(null);
