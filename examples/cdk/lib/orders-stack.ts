import { Stack, type StackProps } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { snapStartCheck } from './snapstart-check.js';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Route 1: CDK bundles with the esbuild CLI; the afterBundling hook checks the bundle.
    new NodejsFunction(this, 'CreateOrder', {
      entry: 'src/handler.ts',
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      environment: { TABLE_NAME: 'orders' },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        // Prefer the ES module builds of dependencies, and keep names readable in hook messages.
        mainFields: ['module', 'main'],
        keepNames: true,
        // Writes index.meta.json, which the check reads.
        metafile: true,
        commandHooks: snapStartCheck,
      },
    });

    // Route 2: your own build script with the esbuild plugin (findings fail the build, and the
    // manifest ships with the bundle). CDK runs the command and deploys the folder it fills.
    new LambdaFunction(this, 'CreateOrderCustomBuild', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      environment: { TABLE_NAME: 'orders' },
      code: Code.fromCustomCommand('dist', ['node', 'build.mjs']),
    });
  }
}
