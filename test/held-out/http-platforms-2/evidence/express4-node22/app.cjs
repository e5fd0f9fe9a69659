const express = require('express4');
const { expressHooks } = require('snapshot-restore/http');
const app = express();
app.use(expressHooks());
app.get('/health', (_q, s) => s.send('ok'));
app.listen(Number(process.env.PORT || 8080));
