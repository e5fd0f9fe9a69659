throw new Error("init outer", { cause: new RangeError("init inner") });
