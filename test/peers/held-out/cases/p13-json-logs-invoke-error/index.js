exports.handler = async () => { const e = new RangeError("bad range"); e.code = "E_RANGE"; throw e; };
