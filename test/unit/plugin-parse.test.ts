// What the parser accepts, and what happens when it cannot: TC39 `accessor` fields parse (Babel's
// decoratorAutoAccessors), and a file it rejects is reported (SR005) by the hook analysis and by
// the uniqueness lint, also when the file does not import the runtime: never a silent skip.
import { describe, expect, it } from 'vitest';
import { analyzeModule, checkBuild, type BuildMetafile } from '../../plugin/core/index.js';
import { lintUniqueness } from '../../plugin/core/module/uniqueness.js';

const FILE = '/project/src/handler.ts';

describe('TC39 accessor fields', () => {
  const source = `
import { registerAfterRestore } from 'snapshot-restore';
function logged(target: unknown, context: unknown) { return target; }
class Settings {
  accessor retries = 3;
  @logged accessor region = 'eu-west-1';
  static accessor loadedAt = 0;
}
export const settings = new Settings();
const startedAt = Date.now();
registerAfterRestore(() => { settings.retries = 3; });
export const handler = async () => ({ startedAt });
`;

  it('parse, in TypeScript and JavaScript', () => {
    for (const file of [FILE, '/project/src/handler.mjs']) {
      const js = file.endsWith('.mjs') ? source.replace(/: unknown/g, '') : source;
      const analysis = analyzeModule(js, file, {});
      expect(analysis.parsed, analysis.parseError).toBe(true);
      expect(analysis.registrations.map((r) => r.when)).toEqual(['init']);
      expect(lintUniqueness(js, file).map((f) => `${f.code} ${f.location?.line}`)).toEqual(['SR105 10']);
    }
  });
});

describe('a file the parser rejects', () => {
  // esbuild's metafile of a one-module build; the module is read through readFile.
  const metafile = (imports: string[]): BuildMetafile => ({
    inputs: { 'src/handler.ts': { imports: imports.map((path) => ({ path, kind: 'import-statement', external: true })), format: 'esm' } },
    outputs: { 'out/handler.mjs': { entryPoint: 'src/handler.ts', inputs: { 'src/handler.ts': {} } } },
  });
  // `import defer` is real syntax esbuild reads; the analysis does not (its evaluation is lazy).
  const unparsable = "import defer * as reports from './reports.js';\nexport const startedAt = Date.now();\nexport const handler = async () => reports;\n";

  it('without the runtime: the lint says it did not check it', () => {
    const { findings } = checkBuild({ metafile: metafile([]), workingDir: '/project', readFile: () => unparsable });
    expect(findings.map((f) => [f.code, f.severity, f.text])).toEqual([
      [
        'SR005',
        'warning',
        expect.stringMatching(
          /^\[SR005\] could not analyse src\/handler\.ts: the uniqueness lint did not check it\. The parser says: .+; SR101-SR108 need the parsed code\. Rule page: /,
        ),
      ],
    ]);
  });

  it('with the runtime: one finding, from the hook analysis', () => {
    const source = `import { registerAfterRestore } from 'snapshot-restore';\n${unparsable}`;
    const { findings } = checkBuild({ metafile: metafile(['snapshot-restore']), workingDir: '/project', readFile: () => source });
    expect(findings.map((f) => f.code)).toEqual(['SR005']);
    expect(findings[0]!.text).toMatch(/could not analyse src\/handler\.ts: its registrations are not checked\. The parser says: .+\. Rule page: /);
  });

  it('a file with nothing the lint looks for is not parsed at all, so nothing is lost', () => {
    const { findings } = checkBuild({
      metafile: metafile([]),
      workingDir: '/project',
      readFile: () => "import defer * as x from './x.js';\nexport const handler = async () => x;\n",
    });
    expect(findings).toEqual([]);
  });
});
