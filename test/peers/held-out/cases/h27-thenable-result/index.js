exports.handler = (event) => ({ then(resolve) { setTimeout(() => resolve({ thenable: true }), 5); } });
