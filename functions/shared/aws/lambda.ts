import { LambdaClient } from '@aws-sdk/client-lambda';
import { traced } from './tracer';

/** The Lambda client of this container (only the functions that hand notices to the outbox sender load it). */
export const lambdaClient = traced(new LambdaClient({}));
