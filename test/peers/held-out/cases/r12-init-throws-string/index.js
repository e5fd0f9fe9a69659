throw "init went wrong";
