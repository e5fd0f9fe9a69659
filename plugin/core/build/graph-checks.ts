// Findings that need the whole bundle, not one module: hooks loaded lazily (SR003) and
// output in which nothing drives the lifecycle (SR007).
import * as path from 'node:path';
import type { ModuleAnalysis } from '../module/analyze.js';
import type { Finding, FindingNote } from '../diagnostics.js';
import type { AnalysisLookup, Prediction } from './order.js';
import { SR003, SR004, SR007 } from '../rules/index.js';
import type { DeployKind } from './deploy-kind.js';

function registersNote(analysis: ModuleAnalysis | undefined, index = 0): FindingNote[] {
  const registration = analysis?.registrations.filter((r) => r.when === 'init')[index];
  if (!registration) return [];
  const hook = registration.name ? `\`${registration.name}\`` : 'a hook';
  return [{ text: `It registers ${hook} here.`, location: registration.location }];
}

function handlerNote(analysis: ModuleAnalysis | undefined): FindingNote[] {
  return analysis?.handler ? [{ text: 'The handler is exported here.', location: analysis.handler }] : [];
}

/** SR003: each module that registers hooks but is only loaded lazily. */
export function lazyFindings(prediction: Prediction, analysisOf: AnalysisLookup, workingDir: string): Finding[] {
  const findings: Finding[] = [];
  for (const lazy of prediction.lazy) {
    const importer = analysisOf(lazy.importer, false);
    const target = analysisOf(lazy.module, false);
    const shown = lazy.module;
    const how = lazy.kind === 'dynamic-import' ? '`import()`' : '`require()`';
    const messageId = lazy.site?.when === 'invoke' ? 'inHandler' : lazy.site?.when === 'init' ? 'notAwaited' : 'unknownTiming';
    const specifier =
      lazy.site?.specifier ??
      `./${path
        .relative(path.dirname(path.resolve(workingDir, lazy.importer)), path.resolve(workingDir, shown))
        .split(path.sep)
        .join('/')}`;
    findings.push({
      code: 'SR003',
      message: SR003.message(messageId, { module: shown, how }),
      location: lazy.site?.location ?? lazy.registrations[0]?.location,
      suggestion: SR003.suggest('importAtTop', { specifier }),
      notes: [...registersNote(target), ...(lazy.site?.when === 'invoke' ? handlerNote(importer) : [])],
    });
  }
  return findings;
}

/** SR004 (second form): imported modules that register hooks but were tree-shaken away. */
export function droppedFindings(prediction: Prediction): Finding[] {
  return prediction.dropped.map((dropped) => ({
    code: 'SR004' as const,
    message: SR004.message('treeShaken', { file: dropped.module }),
    location: dropped.registrations[0]?.location,
    suggestion: SR004.suggest('listSideEffects', { file: dropped.module }),
    notes: dropped.site ? [{ text: `It is imported here by ${dropped.importer}.`, location: dropped.site.location }] : [],
  }));
}

export type OutputFormat = 'esm' | 'cjs' | 'iife';

/** SR007: hooks are registered, but in this output nothing will run them. */
export function lifecycleFindings(prediction: Prediction, entry: string, format: OutputFormat, analysisOf: AnalysisLookup, deploy?: DeployKind): Finding[] {
  if (prediction.registered.length === 0) return [];
  const analyses = prediction.evaluated.map((m) => analysisOf(m, false)).filter((a): a is ModuleAnalysis => !!a);
  const entryAnalysis = analysisOf(entry, false);
  const first = prediction.registered[0]!;
  const location = entryAnalysis?.handler ?? first.registration.location;
  const firstNote: FindingNote[] = [{ text: 'The first hook is registered here.', location: first.registration.location }];
  // A zip function on nodejs2x.x cannot turn SnapStart on: whatever drives the lifecycle, it never runs.
  if (deploy?.kind === 'zip') {
    return [{ code: 'SR007', message: SR007.message('zipDeploy', { entry, why: deploy.why }), location, suggestion: SR007.suggest('containerImage'), notes: firstNote }];
  }
  // An app that serves snapshot-restore/http's hooks is driven over HTTP (web adapter, MicroVMs), in any format.
  if (analyses.some((a) => a.httpHooksCalls.some((c) => c.when !== 'invoke'))) return [];

  if (format === 'esm') {
    if (analyses.some((a) => a.snapStartCalls.some((c) => c.when === 'init'))) return [];
    return [
      {
        code: 'SR007',
        message: SR007.message('noSnapStart', { entry }),
        location,
        suggestion: SR007.suggest('addSnapStart'),
        notes: firstNote,
      },
    ];
  }
  if (analyses.some((a) => a.importsBootstrap)) return [];
  return [
    {
      code: 'SR007',
      message: SR007.message('notEsm', { entry, format: format === 'cjs' ? 'CommonJS' : 'IIFE' }),
      location,
      suggestion: SR007.suggest('esmOrBootstrap'),
      notes: firstNote,
    },
  ];
}
