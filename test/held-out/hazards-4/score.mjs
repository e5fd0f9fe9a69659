#!/usr/bin/env node
// Scores a snapshot-restore checkout on hazard set 4 (the scorer: the shared
// ../score-hazards.mjs).
//
//   node score.mjs <repoDir> [--json] [--out <prefix>]  (--out writes <prefix>.json and <prefix>.txt)
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { scoreHazards } from '../score-hazards.mjs';

await scoreHazards({
  root: dirname(fileURLToPath(import.meta.url)),
  // Native or optional modules that the drivers here require lazily and no handler needs bundled.
  baseExternal: ['bufferutil', 'utf-8-validate', 'kerberos', 'snappy', '@mongodb-js/zstd', 'mongodb-client-encryption', 'socks', 'gcp-metadata', 'dtrace-provider'],
  perCode: true,
});
