// CDK's NodejsFunction runs the esbuild CLI, which cannot load esbuild plugins. Instead, its
// afterBundling hook runs `snapshot-restore check` on the bundle esbuild just wrote, with the
// metafile (`bundling.metafile: true` writes index.meta.json beside it), so the check sees the
// original sources and the whole module graph. A finding makes the command fail, and with it
// `cdk synth` / `cdk deploy`.
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';

export const snapStartCheck: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    // Metafile paths are relative to the directory esbuild ran in: the project (inputDir).
    `cd "${inputDir}" && npx snapshot-restore check --bundle "${outputDir}/index.mjs" --metafile "${outputDir}/index.meta.json" --fail-on warning`,
  ],
};
