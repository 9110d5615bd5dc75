import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from './aws/sfn';

/**
 * Starts a job of the per-agency state machine (`lib/constructs/agency-jobs.ts`, issue 15) whose ARN the stack gives
 * the functions allowed to (`AGENCY_JOBS_STATE_MACHINE_ARN`). `name` makes a start idempotent: a second start of the
 * same job (a retried request) finds it running or done and is not an error.
 */
export async function startAgencyJob(name: string, input: { task: string } & Record<string, unknown>): Promise<void> {
  const stateMachineArn = process.env.AGENCY_JOBS_STATE_MACHINE_ARN;
  if (!stateMachineArn) throw new Error('Missing environment variable AGENCY_JOBS_STATE_MACHINE_ARN');
  try {
    await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
  }
}
