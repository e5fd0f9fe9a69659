// audit_overhead_ratio: the run-time audit's cost (emulator/audit/) on bench/fixtures/large
// (fourteen whole AWS SDK clients, thousands of modules, the hooks of a SnapStart function): the
// audited init (preload: probes, the redirect to the local sink, async-resource origins) ÷ a plain
// run of the same init, the same bundle in a plain `node` process. Each is timed inside its process,
// from calling the module to its end (process start-up, the settle pause and the write of the
// record are not init; the built-ins the preload loads are loaded before the clock in both); the
// spawn-to-exit times are in the note. Runs alternate; medians compared.
// Usage: `npm run build && node bench/audit.mjs [runs]`. Needs dist/.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runAudit } from '../dist/emulator/audit/run-audit.js';
import { bundleFunction } from '../dist/emulator/snapshot/bundle.js';
import { functionEnv } from '../dist/emulator/snapshot/function-env.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const ENTRY = join(root, 'bench/fixtures/large/handler.mjs');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The same module factory as the audit runs, called in a plain process; prints its init time. */
function plainScript(bundled, file) {
  const meta = { url: pathToFileURL(file).href, dirname: dirname(file), filename: file };
  // The built-ins the audit's preload loads before init, loaded here too: their cost is not init's.
  return `var factory = ${bundled.factory};
for (const name of ['node:async_hooks', 'node:child_process', 'node:crypto', 'node:dgram', 'node:dns', 'node:fs', 'node:net', 'node:path', 'node:timers', 'node:tls']) require(name);
const started = performance.now();
const cpu = process.cpuUsage();
factory(require('node:module').createRequire(${JSON.stringify(file)}), ${JSON.stringify(meta)}, ${JSON.stringify(file)}, ${JSON.stringify(dirname(file))})()
  .then(() => {
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ initMs: performance.now() - started, initCpuMs: (used.user + used.system) / 1000 }));
    process.exit(0);
  });
`;
}

function runPlain(script) {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    // The same variables as the audited process (Lambda's): the SDK clients resolve their region the same way.
    const child = spawn(process.execPath, [script], { cwd: root, env: functionEnv(ENTRY), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (out += text));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveRun({ ...JSON.parse(out), wallMs: performance.now() - started }) : reject(new Error(`the plain run exited with ${code}`))));
  });
}

export async function auditOverheadRatio({ runs = 5 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-bench-audit-'));
  try {
    const bundled = await bundleFunction(ENTRY, { cwd: root });
    const script = join(dir, 'plain.cjs');
    writeFileSync(script, plainScript(bundled, ENTRY));
    const plain = [];
    const audited = [];
    const plainCpu = [];
    const auditedCpu = [];
    const plainWall = [];
    const auditedWall = [];
    let observations = 0;
    // One of each first, not counted: the file cache warm for both.
    await runPlain(script);
    await runAudit(bundled, { file: ENTRY, cwd: root });
    for (let run = 0; run < runs; run++) {
      const p = await runPlain(script);
      plain.push(p.initMs);
      plainCpu.push(p.initCpuMs);
      plainWall.push(p.wallMs);
      const a = await runAudit(bundled, { file: ENTRY, cwd: root });
      if (!a.record || a.record.outcome.state !== 'finished') throw new Error(`the audited init did not finish: ${a.failure ?? JSON.stringify(a.record?.outcome)}`);
      audited.push(a.record.initMs);
      auditedCpu.push(a.record.initCpuMs);
      auditedWall.push(a.durationMs);
      observations = a.record.observations.length;
    }
    return {
      ratio: median(audited) / median(plain),
      auditedMs: median(audited),
      plainMs: median(plain),
      cpuRatio: median(auditedCpu) / median(plainCpu),
      auditedCpuMs: median(auditedCpu),
      plainCpuMs: median(plainCpu),
      auditedWallMs: median(auditedWall),
      plainWallMs: median(plainWall),
      bundleBytes: bundled.bytes,
      observations,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await auditOverheadRatio({ runs: Number(process.argv[2]) || 5 });
  console.log(JSON.stringify(result, null, 2));
}
