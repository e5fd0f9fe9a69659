#!/usr/bin/env node
// The `snapshot-restore` binary: cli/run.ts with the process's streams and directory.
import { run } from './run.js';

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
