// SR007: hooks are registered, but nothing in this output drives the SnapStart lifecycle: an
// ES module bundle that never calls `snapStart()`, or CommonJS / IIFE output without the
// bootstrap runtime (on the stock Node.js runtime nothing else runs the hooks). An app that serves
// snapshot-restore/http's hooks at init has its driver (the web adapter or MicroVMs call them).
// A zip function on nodejs2x.x cannot turn SnapStart on at all (build/deploy-kind.ts says when
// the build is for one): no driver helps there, only a container image does.
import { defineRule } from './rule.js';

export const SR007 = defineRule({
  id: 'SR007',
  name: 'no-lifecycle-driver',
  title: 'nothing will drive the snapshot lifecycle',
  defaultSeverity: 'warning',
  type: 'problem',
  help: "Hooks are registered, but nothing drives the SnapStart lifecycle. On Node.js, SnapStart is for container images: a zip function on nodejs2x.x cannot turn it on, so no hook ever runs there (deploy the bundle in an image). In an image, an ES module bundle must end with `await snapStart()` from `snapshot-restore/lambda` (Lambda's Node.js base image); a CommonJS bundle needs the `snapshot-restore/bootstrap` custom runtime; a web app behind Lambda Web Adapter or on Lambda MicroVMs serves the hooks with `snapshot-restore/http` (any format).",
  messages: {
    noSnapStart: '{{entry}} registers hooks but the bundle never calls `snapStart()`: they never run. On the stock Node.js runtime nothing else runs them',
    zipDeploy:
      '{{entry}} registers hooks but is deployed as a zip function: no hook ever runs. It is a zip function ({{why}}); on Node.js, SnapStart is only for container images, so no snapshot is taken',
    notEsm:
      '{{entry}} registers hooks but the output format is {{format}}: no hook runs. On the stock Node.js runtime nothing drives the snapshot lifecycle, and `await snapStart()` needs an ES module',
  },
  suggestions: {
    addSnapStart: "in a container image on Lambda's Node.js base image, end the handler module with `import { snapStart } from 'snapshot-restore/lambda'; await snapStart();`",
    containerImage:
      "deploy this bundle as a container image with SnapStart on (`ApplyOn: PublishedVersions`): Lambda's Node.js base image with `await snapStart()` ending an ES module handler, or `snapshot-restore/bootstrap` on provided.al2023; a function that stays a zip gets no SnapStart, so its hooks are dead code (`severity: { SR007: 'off' }` if that is intended)",
    esmOrBootstrap:
      "in a container image, build with `format: 'esm'` and end the handler module with `await snapStart()` (Lambda's Node.js base image), or run `snapshot-restore/bootstrap` as the image's runtime (then set `severity: { SR007: 'off' }`)",
  },
  checks: ['build/graph-checks.ts', 'build/deploy-kind.ts'],
});
