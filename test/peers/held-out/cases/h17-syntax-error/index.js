exports.handler = async () => {
  return { oops: 
};
