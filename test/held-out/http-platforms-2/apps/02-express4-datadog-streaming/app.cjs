// Adapted from awslabs/aws-lambda-web-adapter examples/datadog/expressjs-streaming/lambda-asset/src/index.js
// (commit f3d647c848f2a2fd63a70f7c81be44416f66f913): the SIGTERM handler and the streaming route kept
// (dd-trace left out: no tracer here), plus SnapStart hooks served by expressHooks(). Express 4.21, CommonJS.
const { randomUUID } = require("node:crypto");
const express = require("express4");
const { registerBeforeSnapshot, registerAfterRestore } = require("snapshot-restore");
const { expressHooks } = require("snapshot-restore/http");

const trace = [];
const initId = randomUUID();
let id = initId;
let tracerConnected = true;
registerBeforeSnapshot(async function stopTracer() {
  await new Promise((resolve) => setTimeout(resolve, 25));
  tracerConnected = false;
  trace.push("stopTracer");
});
registerAfterRestore(function startTracer() {
  tracerConnected = true;
  id = randomUUID();
  trace.push("startTracer");
});

const app = express();
app.use(expressHooks());
const port = process.env["PORT"] || 8080;

// SIGTERM Handler
process.on("SIGTERM", async () => {
  console.info("[express] SIGTERM received");
  console.info("[express] cleaning up");
  await new Promise((resolve) => setTimeout(resolve, 100));
  console.info("[express] exiting");
  process.exit(0);
});

app.get("/call_lwa", async (req, res) => {
  for (let i = 0; i < 3; i++) {
    res.write(`Hello, world! (${i + 1})\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  res.end();
});
app.get("/health", (_req, res) => res.send("ok"));
app.get(["/", "/id"], (_req, res) => res.json({ id, initId, trace, tracerConnected }));

app.listen(port, () => {
  console.log(`Example app listening at http://localhost:${port}`);
});
