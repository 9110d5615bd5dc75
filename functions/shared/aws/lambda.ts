import { LambdaClient } from '@aws-sdk/client-lambda';
import { lazyClient } from './local-endpoint';
import { traced } from './tracer';

export { InvokeCommand } from '@aws-sdk/client-lambda';

/**
 * The Lambda client of this container, made on first use (only functions that hand notices to the outbox sender),
 * with the one command gongkai sends; reached only through `import()` (a chunk of its own, issue 17).
 */
export const lambdaClient = lazyClient(() => traced(new LambdaClient({})));
