import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

const logger = new Logger({ serviceName: 'orders' });

class Lambda {
  // One ID per execution environment: made at init, renewed after each restore.
  // randomUUID() normally draws from a cache of random bytes, and that cache would be in the
  // snapshot too, shared by every restore: `disableEntropyCache` bypasses it.
  static environmentId = randomUUID({ disableEntropyCache: true });

  // Legacy decorators on static methods register when the class is defined, during init.
  @registerBeforeSnapshot
  static beforeSnapshot(): void {
    logger.info('before snapshot');
  }

  @registerAfterRestore
  static afterRestore(): void {
    Lambda.environmentId = randomUUID({ disableEntropyCache: true });
    // Every later log line of this environment carries its own ID.
    logger.appendKeys({ environmentId: Lambda.environmentId });
    logger.info('after restore');
  }

  @logger.injectLambdaContext()
  async handler(event: { orderId: string }, _context: Context): Promise<{ orderId: string; environmentId: string }> {
    logger.info('order received', { orderId: event.orderId });
    return { orderId: event.orderId, environmentId: Lambda.environmentId };
  }
}

const lambda = new Lambda();
export const handler = lambda.handler.bind(lambda);

await snapStart();
