// Preloaded (`node --require`) into a process that a bench times: on exit it writes its own CPU
// time (user and system, all its threads) to stderr, since Node cannot read a child's. On a
// shared machine the CPU time says what the wall time cannot: how much work the run did.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-us ${user + system}\n`);
});
