import { LambdaClient } from '@aws-sdk/client-lambda';
import { lazyClient } from './local-endpoint';
import { traced } from './tracer';

/** The Lambda client of this container, made on first use (only functions that hand notices to the outbox sender). */
export const lambdaClient = lazyClient(() => traced(new LambdaClient({})));
