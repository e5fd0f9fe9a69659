throw new Error("init fails");
