// Ending a process the emulator started together with everything it started: each runs in its
// own process group (spawned with `detached: true`), and the group is signalled as a whole.
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
