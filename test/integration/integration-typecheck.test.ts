// The examples are meant to be copied: their TypeScript must compile as it stands, against the
// package's published types (node_modules/snapshot-restore → this repository's dist/). Not the
// CDK and SST examples, whose tools (aws-cdk-lib, sst) are not installed here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, sh } from '../helpers/examples.js';

// These share one tsconfig (module preserve, bundler resolution), so one tsc program checks
// them all, loading the AWS SDK's types once. Powertools has its own (legacy decorators).
const bundlerStyle = ['esbuild-esm', 'esbuild-cjs-bootstrap', 'serverless-esbuild', 'serverless-v4', 'tsup', 'middy', 'container-nodejs', 'container-provided', 'sam'];

describe('examples type-check', () => {
  it.concurrent('the examples with a bundler-style tsconfig.json, in one program', async () => {
    const copies = bundlerStyle.map((name) => copyExample(name));
    const shared = readFileSync(join(copies[0]!, 'tsconfig.json'), 'utf8');
    for (const dir of copies) expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8'), dir).toBe(shared);
    // Beside the first copy, whose node_modules has the `node` types the config names.
    const config = { ...JSON.parse(shared), include: copies.map((dir) => join(dir, 'src')) };
    writeFileSync(join(copies[0]!, 'tsconfig.all.json'), JSON.stringify(config));
    const result = await sh('npx tsc -p tsconfig.all.json', copies[0]!);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.concurrent('examples/powertools with its own tsconfig.json (experimentalDecorators)', async () => {
    const dir = copyExample('powertools');
    const result = await sh('npx tsc -p tsconfig.json', dir);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
