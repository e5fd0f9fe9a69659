export async function routes(app, { state }) {
  app.get('/', async (req) => ({ id: state.id, initId: state.initId, trace: state.trace, reqId: req.id }));
  app.get('/id', async (req) => ({ id: state.id, initId: state.initId, trace: state.trace, reqId: req.id }));
}
