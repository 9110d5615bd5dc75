/**
 * Starts a job of the per-agency state machine (`lib/constructs/agency-jobs.ts`, issue 15) whose ARN the stack gives
 * the functions allowed to (`AGENCY_JOBS_STATE_MACHINE_ARN`). `name` makes a start idempotent: a second start of the
 * same job (a retried request) finds it running or done and is not an error. Step Functions is a chunk of the bundle,
 * read with the first start (issue 17).
 */
export async function startAgencyJob(name: string, input: { task: string } & Record<string, unknown>): Promise<void> {
  const stateMachineArn = process.env.AGENCY_JOBS_STATE_MACHINE_ARN;
  if (!stateMachineArn) throw new Error('Missing environment variable AGENCY_JOBS_STATE_MACHINE_ARN');
  const { sfnClient, StartExecutionCommand } = await import('./aws/sfn');
  try {
    await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
  }
}
