exports.handler = async () => { console.log("line1\nline2"); console.log("%d items", 3); return 1; };
