#!/usr/bin/env node
// Scores a snapshot-restore checkout on held-out set 2 (the scorer: ../score-hazards.mjs).
//
//   node score.mjs <repoDir> [--json] [--out <prefix>]  (--out writes <prefix>.json and <prefix>.txt)
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { scoreHazards } from '../score-hazards.mjs';

await scoreHazards({
  root: dirname(fileURLToPath(import.meta.url)),
  // Native or optional modules that no handler here needs bundled.
  baseExternal: ['pg-native', 'bufferutil', 'utf-8-validate', 'unix-dgram', 'lz4', 'snappy', 'kerberos', '@aws-sdk/credential-provider-node'],
  perCode: true,
});
