// How the build knows a function is deployed as a zip (which cannot turn SnapStart on for
// Node.js): the `deploy` option, or the deploy tool's own configuration in the working directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDeploy } from '../../plugin/core/build/deploy-kind.js';
import { resolveOptions } from '../../plugin/core/options.js';
import { tempDir } from '../helpers/run-cli.js';

function project(files: Record<string, string>): string {
  const dir = tempDir('sr-deploy-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const samFunction = (properties: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${properties}`;

describe('detectDeploy', () => {
  it('the option decides when it is zip or image', () => {
    const dir = project({ 'template.yaml': samFunction('      Runtime: nodejs22.x\n') });
    expect(detectDeploy(dir, 'image')).toEqual({ kind: 'image', why: "option deploy: 'image'" });
    expect(detectDeploy(project({}), 'zip')).toEqual({ kind: 'zip', why: "option deploy: 'zip'" });
  });

  it('a SAM template: zip with a nodejs runtime (also in Globals, quoted, commented), image with PackageType: Image', () => {
    for (const runtime of ['nodejs20.x', 'nodejs22.x', 'nodejs24.x']) {
      for (const line of [`      Runtime: ${runtime}\n`, `      Runtime: '${runtime}'\n`, `      Runtime: "${runtime}"  # the current one\n`]) {
        expect(detectDeploy(project({ 'template.yaml': samFunction(line) }))).toEqual({ kind: 'zip', why: `template.yaml: Runtime: ${runtime}` });
      }
    }
    const globals = `Globals:\n  Function:\n    Runtime: nodejs24.x\n${samFunction('      Handler: index.handler\n')}`;
    expect(detectDeploy(project({ 'template.yml': globals }))).toEqual({ kind: 'zip', why: 'template.yml: Runtime: nodejs24.x' });
    expect(detectDeploy(project({ 'template.yaml': samFunction('      PackageType: Image\n') }))?.kind).toBe('image');
    // A commented-out runtime or another language says nothing.
    expect(detectDeploy(project({ 'template.yaml': samFunction('      # Runtime: nodejs22.x\n') }))).toBeUndefined();
    expect(detectDeploy(project({ 'template.yaml': samFunction('      Runtime: python3.13\n') }))).toBeUndefined();
  });

  it('serverless.yml: zip with a nodejs runtime, image with an image', () => {
    expect(detectDeploy(project({ 'serverless.yml': 'service: a\nprovider:\n  name: aws\n  runtime: nodejs24.x\n' }))).toEqual({
      kind: 'zip',
      why: 'serverless.yml: runtime: nodejs24.x',
    });
    const image = 'service: a\nprovider:\n  name: aws\n  runtime: nodejs24.x\nfunctions:\n  api:\n    image: 123.dkr.ecr.us-east-1.amazonaws.com/api:latest\n';
    expect(detectDeploy(project({ 'serverless.yml': image }))?.kind).toBe('image');
  });

  it('sst.config.ts: zip; nothing it can read: no answer', () => {
    expect(detectDeploy(project({ 'sst.config.ts': 'export default $config({});\n' }))?.kind).toBe('zip');
    expect(detectDeploy(project({ 'cdk.json': '{}' }))).toBeUndefined();
    expect(detectDeploy(project({}))).toBeUndefined();
  });
});

describe('option deploy', () => {
  it('is auto by default, and only auto, zip or image', () => {
    expect(resolveOptions({}).deploy).toBe('auto');
    expect(resolveOptions({ deploy: 'zip' }).deploy).toBe('zip');
    expect(() => resolveOptions({ deploy: 'lambda' })).toThrow('option deploy must be one of auto, zip, image (got "lambda")');
  });
});
