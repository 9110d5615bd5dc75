import { InvokeCommand } from '@aws-sdk/client-lambda';
import { lambdaClient } from '../aws/lambda';

/** Hands a scope to the outbox sender Lambda without waiting for it (an asynchronous `Event` invocation). */
export async function invokeAsync(functionName: string, payload: { scope: string }): Promise<void> {
  await lambdaClient.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify(payload) }),
  );
}
