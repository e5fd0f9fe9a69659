class ValidationError extends Error { constructor(m) { super(m); this.name = "ValidationError"; } }
exports.handler = async () => { throw new ValidationError("field x is bad"); };
