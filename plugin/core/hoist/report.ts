// What the whole-build check says about hoisting: a module whose registrations the build moved
// is analysed as it now runs (the moved registrations at init, in their new place), with SR001 /
// SR003 reported as "hoisted" at the original place plus a note at the new one; registrations
// left in the handler get a note saying why they were not moved.
import type { ImportSite, ModuleAnalysis } from '../module/analyze.js';
import type { Finding, SourceLocation } from '../diagnostics.js';
import { SR001, SR003 } from '../rules/index.js';
import { insertLineOf, type HoistPlan, type HoistedImport, type HoistedRegistration } from './plan.js';

const sameplace = (a: SourceLocation | undefined, b: SourceLocation) => !!a && a.line === b.line && a.column === b.column;

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/;\s*$/, '');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

function newPlace(file: string, source: string, insertAt: number): SourceLocation {
  const line = insertLineOf(source, insertAt);
  const lineText = source.split(/\r\n|\r|\n/)[line - 1] ?? '';
  return { file, line, column: 0, length: lineText.length, lineText };
}

/** The analysis of a module as the build transformed it (see plugin/hoist.ts). */
export function hoistedAnalysis(analysis: ModuleAnalysis, plan: HoistPlan, source: string, handlerName: string): ModuleAnalysis {
  const moved = plan.registrations.filter((r) => r.hoisted && r.insertAt !== undefined);
  const eager = plan.imports.filter((i) => i.hoisted && i.insertAt !== undefined);
  if (moved.length === 0 && eager.length === 0) return analysis;

  const findings = analysis.findings.filter((f) => !(f.code === 'SR001' && moved.some((r) => sameplace(f.location, r.location))));
  const registrations = analysis.registrations.map((registration) => {
    const index = moved.findIndex((r) => sameplace(registration.location, r.location));
    if (index < 0) return registration;
    // Moved statements keep their source order at the new place, after added requires.
    return { ...registration, when: 'init' as const, orderKeys: [[moved[index]!.insertAt!, 1, index]] };
  });
  const handlerNote = analysis.handler ? [{ text: 'The handler is exported here.', location: analysis.handler }] : [];
  for (const item of moved) {
    const place = newPlace(analysis.file, source, item.insertAt!);
    findings.push({
      code: 'SR001',
      message: SR001.message('hoisted', { written: short(item.text), handler: handlerName, line: place.line }),
      location: item.location,
      suggestion: SR001.suggest('moveInSource', { written: short(item.text) }),
      notes: [{ text: 'The build placed it here, at module top level.', location: place }, ...handlerNote],
      fixed: true,
    });
  }

  const importSites: ImportSite[] = [...analysis.importSites];
  eager.forEach((item, index) => {
    const place = newPlace(analysis.file, source, item.insertAt!);
    const written = item.eagerKind === 'import-statement' ? `import '${item.specifier}';` : `require('${item.specifier}');`;
    findings.push({
      code: 'SR003',
      message: SR003.message('hoisted', { module: item.specifier, how: item.kind === 'dynamic-import' ? 'import()' : 'require()', line: place.line }),
      location: item.location,
      suggestion: SR003.suggest('writeInSource', { written }),
      notes: [{ text: 'The build loads it here, at module top level.', location: place }, ...handlerNote],
      fixed: true,
    });
    if (item.eagerKind === 'require-call') {
      // The added require is a second require-call edge in the bundler's graph, after the
      // handler's: keep the sites in source order so each edge finds its own.
      const site: ImportSite = {
        specifier: item.specifier,
        kind: 'require-call',
        location: place,
        when: 'init',
        eager: true,
        orderKey: [item.insertAt!, 0, index],
      };
      const after = importSites.findIndex((s) => s.location.line > place.line);
      importSites.splice(after < 0 ? importSites.length : after, 0, site);
    }
  });
  findings.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
  return { ...analysis, registrations, importSites, findings };
}

export interface HoistContext {
  /** Whether the build transformed entry modules (the esbuild plugin with `hoist` on). */
  applied: boolean;
  /** The plan for the finding's file when it is an entry point, undefined otherwise. */
  plan?: HoistPlan;
}

/** SR001 / SR003 left in the handler: say why the build did not (or could not) move it. */
export function explainNotHoisted(finding: Finding, context: HoistContext): Finding {
  if ((finding.code !== 'SR001' && finding.code !== 'SR003') || !finding.location) return finding;
  const location = finding.location;
  const item: HoistedRegistration | HoistedImport | undefined =
    finding.code === 'SR001' ? context.plan?.registrations.find((r) => sameplace(location, r.location)) : context.plan?.imports.find((i) => sameplace(location, i.location));
  let text: string | undefined;
  if (!context.plan) {
    // SR003 sites outside an entry are not in the handler's own module: nothing to say.
    if (finding.code === 'SR001') {
      text = 'Not hoisted automatically: the handler is not in an entry point of the build, and hoisting only transforms entry points.';
    }
  } else if (!item) {
    return finding;
  } else if (item.hoisted && !context.applied) {
    text =
      'Safe to move to module top level: a build with a snapshot-restore bundler plugin (option `hoist`) moves it itself; a build that takes no plugin (CDK NodejsFunction, SAM) needs it moved in the source.';
  } else if (item.reason) {
    text = `Not hoisted automatically: ${item.reason}.`;
  }
  return text ? { ...finding, notes: [...finding.notes, { text }] } : finding;
}
