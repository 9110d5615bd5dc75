import { LambdaClient } from '@aws-sdk/client-lambda';

/** The Lambda client of this container (only the functions that hand notices to the outbox sender load it). */
export const lambdaClient = new LambdaClient({});
