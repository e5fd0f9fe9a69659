exports.handler = async () => { throw { errorMessage: "obj", code: 7 }; };
