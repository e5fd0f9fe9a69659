// `emulate --platform … --html report.html`: the platform report as one self-contained page
// (inline CSS, no script, nothing fetched): the calls laid end to end on one time axis, coloured by
// where they were answered (in the snapshot build, by the restored process, by a plain process),
// each with its status, asks, the hooks it ran and their registration sites and timings.
import type { PlatformCall, PlatformReport } from './platform.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const ms = (value: number): string => (value < 10 ? `${value.toFixed(2)} ms` : value < 10_000 ? `${value.toFixed(1)} ms` : `${(value / 1000).toFixed(2)} s`);

function ok(call: PlatformCall): boolean {
  if (call.status === 'skipped' || call.status === 'done') return true;
  if (typeof call.status !== 'number') return false;
  return call.call.startsWith('readiness') ? call.status < 500 : call.status >= 200 && call.status < 300;
}

export function formatPlatformHtml(report: PlatformReport): string {
  const name = report.platform === 'lwa' ? 'Lambda Web Adapter (SnapStart)' : 'Lambda MicroVMs';
  const total = report.calls.reduce((sum, call) => sum + call.durationMs, 0) || 1;
  let at = 0;
  const rows = report.calls.map((call) => {
    const left = (at / total) * 100;
    const width = Math.max((call.durationMs / total) * 100, 0.3);
    at += call.durationMs;
    const hooks = call.hooks
      .map(
        (hook) =>
          `<li class="${hook.error ? 'failed' : ''}">${escapeHtml(hook.name)} <span class="site">${escapeHtml(hook.site)}</span> ${ms(hook.durationMs)}${hook.error ? `: ${escapeHtml(hook.error)}` : ''}</li>`,
      )
      .join('');
    const status = call.status === 'skipped' ? 'not sent' : String(call.status);
    return `<tr class="${ok(call) ? '' : 'failed'}">
<td>${escapeHtml(call.call)}<div class="path">${escapeHtml(call.path)}</div></td>
<td>${escapeHtml(status)}${call.attempts > 1 ? ` <span class="asks">after ${call.attempts} asks</span>` : ''}</td>
<td class="where ${call.where ?? ''}">${escapeHtml(call.where === 'build' ? 'in the build' : (call.where ?? ''))}</td>
<td class="num">${ms(call.durationMs)}</td>
<td class="axis"><div class="bar ${call.where ?? ''}" style="margin-left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></div></td>
<td>${hooks ? `<ul>${hooks}</ul>` : ''}${call.note ? `<div class="note">${escapeHtml(call.note)}</div>` : ''}</td>
</tr>`;
  });
  const lint = report.lint.map(
    (finding) => `<li>[${escapeHtml(finding.code)}] ${escapeHtml(finding.text)}${finding.location ? ` <span class="site">${escapeHtml(finding.location)}</span>` : ''}</li>`,
  );
  const snapshot = report.snapshot
    ? `<p>Snapshot: ${(report.snapshot.blobBytes / 1024 / 1024).toFixed(1)} MB, built in ${ms(report.snapshot.buildMs)} (init ${ms(report.snapshot.initMs)})${
        report.snapshot.mainAtMs === undefined ? '' : `; deserialisation: ${ms(report.snapshot.mainAtMs)} to the restored process's main`
      }.</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${name}: ${report.entry}`)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.4em;vertical-align:top}
.path,.site,.asks,.note{color:#666;font-size:12px}.num{text-align:right;white-space:nowrap}
.axis{width:30%}.bar{height:12px;border-radius:2px;background:#888}.bar.build{background:#c58b1c}.bar.restored{background:#2a7ab8}.bar.plain{background:#6b6b6b}
tr.failed td{background:#fde8e8}li.failed{color:#b00}ul{margin:0;padding-left:1.2em}
</style></head><body>
<h1>${escapeHtml(name)}: ${escapeHtml(report.entry)}</h1>
<p><strong>${report.mode === 'snapshot' ? 'V8 startup snapshot' : 'plain process'}</strong>: ${escapeHtml(report.modeReason)}</p>
${snapshot}
<p>${report.ok ? 'Every call answered as the platform expects.' : 'A call failed: the platform would fail this phase.'}</p>
<table><tbody>${rows.join('\n')}</tbody></table>
${lint.length ? `<h2>Lint</h2><ul>${lint.join('')}</ul>` : ''}
${report.stderr ? `<h2>The app's stderr (end)</h2><pre>${escapeHtml(report.stderr)}</pre>` : ''}
</body></html>
`;
}
