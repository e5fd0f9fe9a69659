/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return { name: 'orders', home: 'aws', removal: input?.stage === 'production' ? 'retain' : 'remove' };
  },
  async run() {
    // sst.config.ts takes no top-level imports: load the hook inside run().
    const { checkSnapStart } = await import('./snapstart-check.js');

    new sst.aws.Function('CreateOrder', {
      handler: 'src/handler.handler',
      runtime: 'nodejs24.x',
      environment: { TABLE_NAME: 'orders' },
      nodejs: {
        format: 'esm',
        // Source maps let the check report findings at your sources, not in the bundle.
        sourcemap: true,
      },
      // SST builds with esbuild but takes no esbuild plugins: check the bundle once it is built.
      hook: { postbuild: checkSnapStart },
    });
  },
});
