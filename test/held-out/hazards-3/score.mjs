#!/usr/bin/env node
// Scores a snapshot-restore checkout on held-out set 3 (the scorer: ../score-hazards.mjs).
//
//   node score.mjs <repoDir> [--json] [--out <prefix>]  (--out writes <prefix>.json and <prefix>.txt)
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { scoreHazards } from '../score-hazards.mjs';

await scoreHazards({
  root: dirname(fileURLToPath(import.meta.url)),
  // Native, optional or SDK modules that no handler here needs bundled.
  baseExternal: ['pg-native', 'pg-cloudflare', 'cloudflare:sockets', 'bufferutil', 'utf-8-validate', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-appconfigdata', '@aws-sdk/client-dynamodb', '@aws-sdk/util-dynamodb'],
  perCode: true,
});
