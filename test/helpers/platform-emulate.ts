// `emulate --platform` as the http-* tests run it (in-process, --json, --quiet), and the readings
// of its report they share: each call as `call status where`, a call's hooks, the requests' answers.
import { runCommand } from './run-cli.js';

export interface PlatformReportJson {
  mode: string;
  modeReason: string;
  ok: boolean;
  snapshot?: { servers: Array<{ listens: string[]; site?: string }> };
  calls: Array<{ call: string; status: unknown; where?: string; note?: string; attempts?: number; hooks: Array<{ name: string; site: string }> }>;
}

/** `snapshot-restore emulate <file> --platform <platform> --json --quiet ...extra` in `cwd`. */
export async function emulatePlatform(
  cwd: string,
  file: string,
  platform: 'lwa' | 'microvm',
  ...extra: string[]
): Promise<{ code: number | null; report: PlatformReportJson; stdout: string }> {
  const run = await runCommand(['emulate', file, '--platform', platform, '--json', '--quiet', ...extra], cwd);
  return { code: run.code, report: JSON.parse(run.stdout) as PlatformReportJson, stdout: run.stdout + run.stderr };
}

export const steps = (report: PlatformReportJson) => report.calls.map((call) => `${call.call} ${call.status} ${call.where}`);
export const hooksOf = (report: PlatformReportJson, call: string) => report.calls.find((entry) => entry.call === call)?.hooks.map((hook) => hook.name);
/** The requests' answers, parsed (the apps answer JSON). */
export const served = (report: PlatformReportJson) => report.calls.filter((call) => call.call === 'request').map((call) => JSON.parse(call.note ?? '{}'));

/** Lambda Web Adapter's sequence on a snapshot, as the report lists it, with `requests` requests. */
export function lwaSnapshotSteps(requests: number): string[] {
  return [
    'readiness (init) skipped build',
    'before-checkpoint 200 build',
    'snapshot done build',
    'restore done restored',
    'after-restore 200 restored',
    'readiness after restore 200 restored',
    ...Array.from({ length: requests }, () => 'request 200 restored'),
  ];
}
