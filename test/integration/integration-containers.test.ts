// The container image recipes. Docker does not run here, so each test builds the example, checks
// that every file its Dockerfile copies from the build context exists, and runs what the image
// would run against the Runtime API emulator:
// - container-nodejs: Lambda's Node.js base image imports dist/index.mjs and waits for its
//   top-level `await snapStart()`. The bootstrap stands in for the base image's client (it
//   imports the module the same way); with test/peers installed, the official aws-lambda-ric too;
// - container-provided: the image's ./bootstrap script, as Lambda's entrypoint starts it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, linesWith, readJson, repoRoot, runExecutable, shOk, startFakeDynamoDb } from '../helpers/examples.js';
import { requireBuild, run, type Running } from '../helpers/lifecycle.js';

let running: Running | undefined;
let dynamo: Awaited<ReturnType<typeof startFakeDynamoDb>> | undefined;

beforeAll(() => requireBuild());
afterEach(async () => {
  await running?.stop();
  await dynamo?.close();
  running = dynamo = undefined;
});

// Each container recipe says how to turn SnapStart on, in SAM, CloudFormation, CDK and the CLI.
describe('the container recipes turn SnapStart on', () => {
  for (const name of ['container-nodejs', 'container-provided']) {
    it(name, () => {
      const readme = readFileSync(join(repoRoot, 'examples', name, 'README.md'), 'utf8');
      expect(readme).toMatch(/Type: AWS::Serverless::Function\n(\s+.+\n)*?\s+SnapStart:\n\s+ApplyOn: PublishedVersions\n\s+AutoPublishAlias: live/);
      expect(readme).toMatch(/Type: AWS::Lambda::Function\n(\s+.+\n)*?\s+SnapStart:\n\s+ApplyOn: PublishedVersions\n(\s+.+\n)*?\s+Type: AWS::Lambda::Version/);
      expect(readme).toContain("(fn.node.defaultChild as lambda.CfnFunction).snapStart = { applyOn: 'PublishedVersions' };");
      expect(readme).toMatch(/aws lambda update-function-configuration --function-name \S+ --snap-start ApplyOn=PublishedVersions\n(.+\n)*aws lambda publish-version/);
    });
  }
  it("the Dockerfiles use one of Lambda's current Node.js images", () => {
    for (const name of ['container-nodejs', 'container-provided']) {
      expect(readFileSync(join(repoRoot, 'examples', name, 'Dockerfile'), 'utf8')).toMatch(/^FROM public\.ecr\.aws\/lambda\/nodejs:(22|24)\b/m);
    }
  });
});

/** The build-context sources of the Dockerfile's COPY instructions (not those from other stages). */
function copiedSources(dockerfile: string): string[] {
  return dockerfile
    .split('\n')
    .filter((line) => /^COPY\s/.test(line) && !line.includes('--from='))
    .flatMap((line) => line.trim().split(/\s+/).slice(1, -1));
}

/** The access key id a SigV4 request was signed with. */
const keyId = (headers: Record<string, unknown>) => /Credential=([A-Z0-9]+)\//.exec(String(headers.authorization))?.[1];

describe('examples/container-nodejs: ESM handler on the Node.js base image', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('container-nodejs');
    await shOk('npm run build --silent', dir);
  });

  it('the Dockerfile copies the build output, and the command is the handler', () => {
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM public\.ecr\.aws\/lambda\/nodejs:(22|24)$/m); // Lambda's current Node.js images
    expect(copiedSources(dockerfile)).toEqual(['dist/']);
    expect(existsSync(join(dir, 'dist/index.mjs'))).toBe(true);
    expect(dockerfile).toContain('CMD ["index.handler"]');
    expect(readJson(join(dir, 'dist/snapshot-restore.manifest.json')).diagnostics).toEqual([]);
  });

  it('primes the client at init, closes it before the snapshot, and after the restore uses new credentials', async () => {
    dynamo = await startFakeDynamoDb();
    running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
      env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.waitForRestoreNext();
    expect(dynamo.requests.map((r) => r.target)).toEqual(['DynamoDB_20120810.GetItem']); // the priming request
    await running.emulator.restore();
    const result = await running.emulator.invoke({ orderId: 'o-11', total: 12 });
    expect(result.payload).toEqual({ saved: 'o-11' });
    expect(linesWith(running.runtime.stdout, 'after restore: new DynamoDB client')).toHaveLength(1);

    const [priming, put] = dynamo.requests;
    expect(put!.target).toBe('DynamoDB_20120810.PutItem');
    // The client made after the restore fetched credentials of its own: a new key, not the one cached at init.
    expect(keyId(put!.headers)).toMatch(/^ASIA/);
    expect(keyId(put!.headers)).not.toBe(keyId(priming!.headers));
    const restoreAt = running.emulator.timings.restoreAt!;
    const credentialCalls = running.emulator.calls.filter((call) => call.path.endsWith('/credentials'));
    expect(credentialCalls.map((call) => call.at > restoreAt)).toEqual([false, true]);
  });

  const ric = join(repoRoot, 'test/peers/node_modules/aws-lambda-ric/index.mjs');
  it.skipIf(!existsSync(ric))('runs under the official runtime client, as the base image does (test/peers installed)', async () => {
    dynamo = await startFakeDynamoDb();
    running = await run([ric, 'index.handler'], {
      cwd: join(dir, 'dist'),
      env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.waitForRestoreNext();
    await running.emulator.restore();
    const result = await running.emulator.invoke({ orderId: 'o-12', total: 1 });
    expect(result.payload).toEqual({ saved: 'o-12' });
    expect(linesWith(running.runtime.stdout, 'after restore: new DynamoDB client')).toHaveLength(1);
    expect(running.emulator.calls.filter((call) => call.path.includes('/restore/next')).map((call) => call.status)).toEqual([200]);
  });
});

describe('examples/container-provided: the bootstrap on provided.al2023', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('container-provided');
    await shOk('npm run build --silent', dir);
  });

  it('the Dockerfile copies the build output and the bootstrap script, which exist', () => {
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM public\.ecr\.aws\/lambda\/provided:al2023/m);
    expect(copiedSources(dockerfile)).toEqual(['dist/', 'bootstrap']);
    for (const file of ['dist/index.cjs', 'dist/bootstrap.cjs', 'bootstrap']) expect(existsSync(join(dir, file))).toBe(true);
    expect(readJson(join(dir, 'dist/snapshot-restore.manifest.json')).diagnostics).toEqual([]);
  });

  it("Lambda's entrypoint runs ./bootstrap: hooks around the restore, then an SQS batch", async () => {
    dynamo = await startFakeDynamoDb();
    // What /lambda-entrypoint.sh does: _HANDLER from the image's CMD, then exec the bootstrap file.
    running = await runExecutable(join(dir, 'bootstrap'), { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url });
    await running.emulator.restore();
    const records = [
      { messageId: 'm-1', body: JSON.stringify({ orderId: 'o-1' }) },
      { messageId: 'm-2', body: 'not json' },
    ];
    const result = await running.emulator.invoke({ Records: records });
    expect(result.payload).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    const [restoreLine] = linesWith(running.runtime.stdout, 'after restore: worker ');
    const workerId = restoreLine!.split('worker ')[1];
    expect(dynamo.requests.map((r) => r.body.Item)).toEqual([{ orderId: { S: 'o-1' }, processedBy: { S: workerId } }]);
  });
});
