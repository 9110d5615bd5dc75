/**
 * Hands a scope to the outbox sender Lambda without waiting for it (an asynchronous `Event` invocation). The Lambda
 * client is a chunk of the bundle, read with the first hand-over (issue 17).
 */
export async function invokeAsync(functionName: string, payload: { scope: string }): Promise<void> {
  const { InvokeCommand, lambdaClient } = await import('../aws/lambda');
  await lambdaClient.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify(payload) }),
  );
}
