module.exports = async (event) => ({ shape: "module.exports=fn" });
