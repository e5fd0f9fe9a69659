#!/usr/bin/env node
// Scores a snapshot-restore checkout on this held-out set (the scorer: ../score-hazards.mjs).
//
//   node score.mjs <repoDir> [--json] [--out <prefix>]
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { scoreHazards } from '../score-hazards.mjs';

await scoreHazards({
  root: dirname(fileURLToPath(import.meta.url)),
  // Native or optional modules that no handler here needs bundled.
  baseExternal: ['libsql', '@libsql/linux-x64-gnu', '@libsql/linux-x64-musl', 'msgpackr-extract', 'pg-native', 'bufferutil', 'utf-8-validate'],
  // Set 1's reports were written without the per-code line: kept so, to compare with them.
  perCode: false,
});
