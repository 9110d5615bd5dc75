import { count } from './aws/metrics';
import { timelineArn as configuredTimelineArn } from './config';
import { log } from './log';
import { systemClock } from './system-clock';

/** The execution serving a case version: `<caseId>-v<version>` (design.md §2). */
export const executionName = (caseId: string, version: number): string => `${caseId}-v${version}`;

/** The Step Functions client and commands (`aws/sfn.ts`): a chunk of the bundle, read on first use (issue 17). */
const sfn = () => import('./aws/sfn');

const executionArn = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/**
 * Starts the timeline of a case version and stops the previous version's, so exactly one execution
 * serves the current version. Failures are logged, not thrown: the case write already happened, and
 * the reconcile job restarts any open case's missing timeline.
 */
export async function startTimeline(
  caseId: string,
  version: number,
  options: { restart?: boolean; closed?: boolean } = {},
): Promise<void> {
  const timelineArn = configuredTimelineArn();
  const { sfnClient, StartExecutionCommand, StopExecutionCommand } = await sfn();
  // A closed case needs no timeline: only the previous one is stopped.
  if (!options.closed)
    try {
      // A restart (reconcile) cannot reuse the name of an earlier execution of the same version.
      const name = options.restart
        ? `${executionName(caseId, version)}-r${systemClock.now().getTime().toString(36)}`
        : executionName(caseId, version);
      await sfnClient.send(
        new StartExecutionCommand({ stateMachineArn: timelineArn, name, input: JSON.stringify({ caseId, version }) }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ExecutionAlreadyExists') {
        log.error('timeline start failed', { caseId, version, error: String(error) });
        count('Failures', { operation: 'timeline-start' });
      }
    }
  if (version > 1 && !options.restart) {
    try {
      await sfnClient.send(
        new StopExecutionCommand({
          executionArn: executionArn(timelineArn, executionName(caseId, version - 1)),
          cause: `superseded by version ${version}`,
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ExecutionDoesNotExist')
        log.warn('timeline stop failed', { caseId, error: String(error) });
    }
  }
}

/** The timeline's running executions: name → execution ARN. */
export async function runningExecutions(): Promise<Map<string, string>> {
  const { sfnClient, ListExecutionsCommand } = await sfn();
  const running = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await sfnClient.send(
      new ListExecutionsCommand({
        stateMachineArn: configuredTimelineArn(),
        statusFilter: 'RUNNING',
        nextToken,
        maxResults: 1000,
      }),
    );
    for (const execution of page.executions ?? [])
      if (execution.name && execution.executionArn) running.set(execution.name, execution.executionArn);
    nextToken = page.nextToken;
  } while (nextToken);
  return running;
}

/** Stops the given running executions (a case whose deadlines were recomputed gets a fresh timeline). */
export async function stopExecutions(executionArns: readonly string[], cause: string): Promise<void> {
  const { sfnClient, StopExecutionCommand } = await sfn();
  for (const arn of executionArns) {
    try {
      await sfnClient.send(new StopExecutionCommand({ executionArn: arn, cause }));
    } catch (error) {
      if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
    }
  }
}
