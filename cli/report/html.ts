// `emulate --html report.html`: the emulate report as one self-contained page (inline CSS, no
// script, nothing fetched), to look at: the lifecycle as a timeline (bundle, init, the
// before-snapshot hooks, the snapshot, then each restore with its after-restore hooks and
// invokes), the hooks in the order they ran, the values the same in every restore, and the
// lint's findings beside them.
import { beforeSnapshotRuns, type EmulateReport } from '../../emulator/snapshot/report.js';

interface Bar {
  label: string;
  /** Start and length, in ms on the page's one time axis. */
  at: number;
  ms: number;
  kind: 'bundle' | 'init' | 'hook' | 'snapshot' | 'start' | 'invoke' | 'failed';
  note?: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const ms = (value: number | undefined): string =>
  value === undefined ? '-' : value < 10 ? `${value.toFixed(2)} ms` : value < 10_000 ? `${value.toFixed(1)} ms` : `${(value / 1000).toFixed(2)} s`;

/** The lifecycle laid end to end: the build after the bundle, each restore after the one before. */
function timeline(report: EmulateReport): Bar[] {
  const bars: Bar[] = [];
  let now = 0;
  bars.push({ label: 'bundle', at: now, ms: report.bundle.durationMs, kind: 'bundle' });
  now += report.bundle.durationMs;
  const build = report.build;
  if (build) {
    const buildStart = now;
    bars.push({ label: report.mode === 'plain' ? 'init (in the build given up)' : 'init', at: now, ms: build.initMs, kind: 'init' });
    now += build.initMs;
    for (const hook of build.beforeSnapshotHooks) {
      bars.push({ label: `before-snapshot: ${hook.name}`, at: now, ms: hook.durationMs, kind: hook.error ? 'failed' : 'hook', note: hook.error });
      now += hook.durationMs;
    }
    if (build.snapshotBytes !== undefined) {
      const rest = Math.max(0, build.durationMs - (now - buildStart));
      bars.push({ label: `snapshot written (${(build.snapshotBytes / 1024 / 1024).toFixed(1)} MB)`, at: now, ms: rest, kind: 'snapshot', note: undefined });
      now += rest;
    }
  }
  for (const restore of report.restores) {
    const begin = now;
    const word = report.mode === 'snapshot' ? 'restore' : 'process';
    if (restore.init) {
      bars.push({ label: `${word} ${restore.index}: init`, at: now, ms: restore.init.initMs, kind: 'init' });
    }
    bars.push({
      label: `${word} ${restore.index}: start → /restore/next`,
      at: begin,
      ms: restore.startMs ?? 0,
      kind: restore.error && restore.startMs === undefined ? 'failed' : 'start',
    });
    now = begin + (restore.startMs ?? 0);
    for (const hook of restore.afterRestoreHooks) {
      bars.push({ label: `${word} ${restore.index}: after-restore: ${hook.name}`, at: now, ms: hook.durationMs, kind: hook.error ? 'failed' : 'hook', note: hook.error });
      now += hook.durationMs;
    }
    restore.invokes.forEach((invoke, index) => {
      const note = invoke.ok ? undefined : `${invoke.error?.errorType}: ${invoke.error?.errorMessage}`;
      bars.push({ label: `${word} ${restore.index}: invoke ${index + 1}`, at: now, ms: invoke.durationMs, kind: invoke.ok ? 'invoke' : 'failed', note });
      now += invoke.durationMs;
    });
    if (restore.error) bars.push({ label: `${word} ${restore.index}: failed`, at: now, ms: 0, kind: 'failed', note: restore.error });
    now = Math.max(now, begin + (restore.firstInvokeMs ?? 0));
  }
  return bars;
}

function timelineHtml(bars: Bar[]): string {
  const total = Math.max(1, ...bars.map((bar) => bar.at + bar.ms));
  const rows = bars.map((bar) => {
    const left = (bar.at / total) * 100;
    const width = Math.max(0.4, (bar.ms / total) * 100);
    return `<div class="row"><div class="label">${escapeHtml(bar.label)}</div><div class="track"><div class="bar ${bar.kind}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%"></div></div><div class="ms">${escapeHtml(ms(bar.ms))}</div></div>${bar.note ? `<div class="note">${escapeHtml(bar.note)}</div>` : ''}`;
  });
  return `<div class="timeline">${rows.join('\n')}</div><p class="axis">0 — ${escapeHtml(ms(total))}, laid end to end (each restore is its own process)</p>`;
}

function table(head: string[], rows: string[][], kind = ''): string {
  if (rows.length === 0) return '<p class="none">none</p>';
  return `<table${kind ? ` class="${kind}"` : ''}><thead><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>`;
}

export function formatHtml(report: EmulateReport): string {
  const title = report.mode === 'snapshot' ? 'a V8 startup snapshot, restored in separate processes' : 'plain processes (fallback: no snapshot)';
  const before = beforeSnapshotRuns(report);
  const after = report.restores.find((restore) => restore.afterRestoreHooks.length > 0)?.afterRestoreHooks ?? [];
  const hookRows = [
    ...before.map((hook, index) => [`before-snapshot ${index + 1}`, hook.name, hook.site, ms(hook.durationMs), hook.error ? `failed: ${hook.error}` : 'ok']),
    ...after.map((hook, index) => [
      `after-restore ${index + 1}`,
      hook.name,
      hook.site,
      report.restores.map((restore) => ms(restore.afterRestoreHooks[index]?.durationMs)).join(' / '),
      hook.error ? `failed: ${hook.error}` : 'ok',
    ]),
  ];
  const sameRows = report.sameValues.map((same) => [same.where.join(', '), same.value, same.looksLike]);
  const lintRows = [...report.lint, ...report.lintOther].map((finding) => [finding.code, finding.location ?? '', finding.text]);
  const handles = report.openHandles.map((handle) => [handle.description, handle.site ?? '']);
  const notices = [
    report.error ? `<p class="error">Error: ${escapeHtml(report.error)}</p>` : '',
    report.fallbackReason ? `<p class="fallback">Fallback: ${escapeHtml(report.fallbackReason)}</p>` : '',
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>snapshot-restore emulate ${escapeHtml(report.entry)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2430; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.sub { color: #5a6472; margin: 0 0 12px; }
.error { background: #fde8e8; border-left: 4px solid #c62828; padding: 8px 12px; }
.fallback { background: #fff4e0; border-left: 4px solid #e08a00; padding: 8px 12px; }
.timeline { border: 1px solid #d8dde4; border-radius: 6px; padding: 8px; }
.row { display: grid; grid-template-columns: 300px 1fr 80px; align-items: center; gap: 8px; height: 22px; }
.label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.track { position: relative; height: 14px; background: #f2f4f7; border-radius: 3px; }
.bar { position: absolute; top: 0; height: 14px; border-radius: 3px; }
.bundle { background: #8a94a6; } .init { background: #3b6fd6; } .hook { background: #1e9e6a; }
.snapshot { background: #7b4fd0; } .start { background: #00a0b8; } .invoke { background: #e08a00; } .failed { background: #c62828; }
.ms { text-align: right; font-variant-numeric: tabular-nums; color: #5a6472; }
.note { margin: 0 0 4px 308px; color: #c62828; font-size: 12px; }
.axis { color: #5a6472; font-size: 12px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e9ee; vertical-align: top; }
th { background: #f6f7f9; } td { word-break: break-word; } .none { color: #5a6472; }
.lint td:nth-child(-n+2) { white-space: nowrap; word-break: normal; }
</style>
</head>
<body>
<h1>snapshot-restore emulate ${escapeHtml(report.entry)}</h1>
<p class="sub">${escapeHtml(title)} · ${escapeHtml(report.node)} · ${report.restores.length} of ${report.restoresAsked} restores</p>
${notices}
<h2>Timeline</h2>
${timelineHtml(timeline(report))}
<h2>Hooks, in the order they ran</h2>
${table(['phase', 'hook', 'registered at', 'duration', 'outcome'], hookRows)}
${handles.length > 0 ? `<h2>Left open by init</h2>\n${table(['what', 'created at'], handles)}` : ''}
<h2>Same in every restore, although it looks unique</h2>
${report.sameValuesNote ? `<p class="none">${escapeHtml(report.sameValuesNote)}</p>` : table(['where', 'value', 'looks like'], sameRows)}
${report.sameValuesCut ? `<p class="none">${escapeHtml(report.sameValuesCut)}</p>` : ''}
<h2>Lint findings</h2>
${table(['code', 'where', 'finding'], lintRows, 'lint')}
</body>
</html>
`;
}
