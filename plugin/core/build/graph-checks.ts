// Findings that need the whole bundle, not one module: hooks loaded lazily (SR003) and
// output in which nothing drives the lifecycle (SR007).
import * as path from 'node:path';
import type { ModuleAnalysis } from '../module/analyze.js';
import type { Finding, FindingNote } from '../diagnostics.js';
import type { AnalysisLookup, Prediction } from './order.js';

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
    const where =
      lazy.site?.when === 'invoke'
        ? `inside the handler, after the snapshot: its hooks never run`
        : lazy.site?.when === 'init'
          ? `without being awaited at module top level: its hooks may register after the snapshot and then never run`
          : `from code whose timing the analysis cannot tell: its hooks may register after the snapshot and then never run`;
    const specifier = lazy.site?.specifier ?? `./${path.relative(path.dirname(path.resolve(workingDir, lazy.importer)), path.resolve(workingDir, shown)).split(path.sep).join('/')}`;
    findings.push({
      code: 'SR003',
      message: `${shown} registers hooks but is only loaded lazily, with ${how} ${where}`,
      location: lazy.site?.location ?? lazy.registrations[0]?.location,
      suggestion: `import it at module top level: \`import '${specifier}';\``,
      notes: [...registersNote(target), ...(lazy.site?.when === 'invoke' ? handlerNote(importer) : [])],
    });
  }
  return findings;
}

/** SR004 (second form): imported modules that register hooks but were tree-shaken away. */
export function droppedFindings(prediction: Prediction): Finding[] {
  return prediction.dropped.map((dropped) => ({
    code: 'SR004' as const,
    message: `${dropped.module} registers hooks but is not in the bundle: the bundler removed it as unused, because it is imported only for its side effects from a package whose package.json declares \`"sideEffects": false\``,
    location: dropped.registrations[0]?.location,
    suggestion: `list the file under "sideEffects" in package.json (e.g. \`"sideEffects": ["./${dropped.module}"]\`), or import and use something it exports`,
    notes: dropped.site ? [{ text: `It is imported here by ${dropped.importer}.`, location: dropped.site.location }] : [],
  }));
}

export type OutputFormat = 'esm' | 'cjs' | 'iife';

/** SR007: hooks are registered, but in this output nothing will run them. */
export function lifecycleFindings(
  prediction: Prediction,
  entry: string,
  format: OutputFormat,
  analysisOf: AnalysisLookup,
): Finding[] {
  if (prediction.registered.length === 0) return [];
  const analyses = prediction.evaluated.map((m) => analysisOf(m, false)).filter((a): a is ModuleAnalysis => !!a);
  const entryAnalysis = analysisOf(entry, false);
  const first = prediction.registered[0]!;
  const location = entryAnalysis?.handler ?? first.registration.location;
  const firstNote: FindingNote[] = [{ text: 'The first hook is registered here.', location: first.registration.location }];

  if (format === 'esm') {
    if (analyses.some((a) => a.snapStartCalls.some((c) => c.when === 'init'))) return [];
    return [
      {
        code: 'SR007',
        message: `${entry} registers hooks but the bundle never calls \`snapStart()\`: on the stock Node.js runtime nothing runs them`,
        location,
        suggestion: "end the handler module with `import { snapStart } from 'snapshot-restore/lambda'; await snapStart();`",
        notes: firstNote,
      },
    ];
  }
  if (analyses.some((a) => a.importsBootstrap)) return [];
  return [
    {
      code: 'SR007',
      message: `${entry} registers hooks but the output format is ${format === 'cjs' ? 'CommonJS' : 'IIFE'}: on the stock Node.js runtime nothing drives the snapshot lifecycle, and \`await snapStart()\` needs an ES module`,
      location,
      suggestion:
        "build with `format: 'esm'` and end the handler module with `await snapStart()`, or deploy with `snapshot-restore/bootstrap` as a custom runtime (then set `severity: { SR007: 'off' }`)",
      notes: firstNote,
    },
  ];
}
