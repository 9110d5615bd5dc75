import { StateMachine } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import type { LocalClock } from './clock';
import { LOCAL_ACCOUNT, LOCAL_REGION, loadHandler, type LocalStateMachine } from './template';

/**
 * A local Step Functions service: runs the state machines of the synthesised template with
 * aws-local-stepfunctions and answers the JSON protocol of `@aws-sdk/client-sfn` (StartExecution,
 * StopExecution, DescribeExecution, ListExecutions, ListStateMachines), so handlers use the SDK unchanged.
 *
 * Wait states follow the local clock: the engine's own Wait (a real `setTimeout` on wall time, which
 * cannot wait beyond 24.8 days) is set to zero and the Task that follows a `TimestampPath` Wait first
 * sleeps on the local clock until that timestamp. Executions live in memory; after a restart the
 * reconcile job starts the timelines again (as it would in AWS after a failure).
 */

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** States entered, as Step Functions bills them (state transitions). */
  stateTransitions: number;
  abort: AbortController;
  done: Promise<void>;
}

export class SfnServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

type StateDefinition = Record<string, unknown> & { Type?: string; Next?: string; TimestampPath?: string };
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** Reads a simple JSONPath such as `$.plan.at` from a state's input. */
function readPath(input: unknown, jsonPath: string): unknown {
  return jsonPath
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      input,
    );
}

export interface LocalStepFunctions {
  handle(action: string, body: Record<string, unknown>): Promise<unknown>;
  /** Totals per state machine since start (for the cost model). */
  stats(): { executions: number; stateTransitions: number; lambdaInvocations: number };
  stopAll(): Promise<void>;
}

export function makeLocalStepFunctions(machines: LocalStateMachine[], clock: LocalClock): LocalStepFunctions {
  const executions = new Map<string, Execution>();
  const handlerCache = new Map<string, Promise<Handler>>();
  let lambdaInvocations = 0;

  const handlerFor = (reference: string): Promise<Handler> => {
    let cached = handlerCache.get(reference);
    if (!cached) handlerCache.set(reference, (cached = loadHandler(reference)));
    return cached;
  };

  const prepared = machines.map((machine) => {
    const states = (machine.definition.States ?? {}) as Record<string, StateDefinition>;
    const waitBefore = new Map<string, string>(); // task state → TimestampPath of the Wait leading to it
    const waitOverrides: Record<string, number> = {};
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Wait') {
        waitOverrides[name] = 0;
        if (state.TimestampPath && state.Next) waitBefore.set(state.Next, state.TimestampPath);
      }
    }
    // A Wait followed by a Choice: the wait moves to every Task the Choice can lead to.
    for (const [next, timestampPath] of [...waitBefore]) {
      const choice = states[next];
      if (choice?.Type === 'Choice') {
        const targets = [
          ...((choice.Choices as { Next: string }[] | undefined) ?? []).map((rule) => rule.Next),
          choice.Default as string | undefined,
        ].filter((target): target is string => typeof target === 'string');
        targets.forEach((target) => waitBefore.set(target, timestampPath));
        waitBefore.delete(next);
      }
    }
    const taskStates = Object.entries(states).filter(([, state]) => state.Type === 'Task');
    const waitStates = new Map(
      Object.entries(states).flatMap(([name, state]) =>
        state.Type === 'Wait' && state.TimestampPath ? [[name, state.TimestampPath] as const] : [],
      ),
    );
    return {
      machine,
      stateMachine: new StateMachine(machine.definition as never, { validationOptions: { checkArn: false } }),
      waitBefore,
      waitOverrides,
      taskStates,
      waitStates,
    };
  });

  const machineByArn = (arn: unknown): (typeof prepared)[number] => {
    const found = prepared.find((p) => p.machine.arn === arn);
    if (!found) throw new SfnServiceError('StateMachineDoesNotExist', `State machine does not exist: ${String(arn)}`);
    return found;
  };

  const run = (entry: (typeof prepared)[number], execution: Execution): Promise<void> =>
    clock.track(async () => {
      // The engine hands a Task its input after Parameters, so the Wait's timestamp is read from the
      // event log when the execution enters the Wait, and the Task after it sleeps until then.
      let pendingWaitUntil: string | undefined;
      const localHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
      for (const [stateName, state] of entry.taskStates) {
        const reference = entry.machine.lambdaHandlers[String(state.Resource)];
        if (!reference) throw new Error(`No local handler for ${String(state.Resource)} (state ${stateName})`);
        const followsWait = entry.waitBefore.has(stateName);
        localHandlers[stateName] = async (input) => {
          if (followsWait) {
            await new Promise((resolve) => setImmediate(resolve)); // let the event log catch up
            const until = pendingWaitUntil;
            pendingWaitUntil = undefined;
            if (until) await clock.sleepUntil(new Date(until), execution.abort.signal);
            if (execution.abort.signal.aborted) return new Promise(() => undefined); // the engine's abort ends it
          }
          lambdaInvocations += 1;
          const handler = await handlerFor(reference);
          return handler(input, { awsRequestId: randomUUID(), functionName: reference });
        };
      }
      const retryOverrides = clock.virtual
        ? Object.fromEntries(entry.taskStates.map(([name]) => [name, 50]))
        : undefined;
      const running = entry.stateMachine.run(JSON.parse(execution.input), {
        overrides: {
          taskResourceLocalHandlers: localHandlers as never,
          waitTimeOverrides: entry.waitOverrides,
          ...(retryOverrides ? { retryIntervalOverrides: retryOverrides } : {}),
        },
        noThrowOnAbort: true,
        context: {
          Execution: {
            Id: execution.executionArn,
            Name: execution.name,
            Input: JSON.parse(execution.input),
            StartTime: execution.startDate.toISOString(),
          },
        },
      });
      execution.abort.signal.addEventListener('abort', () => running.abort(), { once: true });
      const counting = (async () => {
        for await (const event of running.eventLogs) {
          if (event.type === 'StateEntered') {
            execution.stateTransitions += 1;
            const timestampPath = entry.waitStates.get(event.state.name);
            if (timestampPath) {
              const until = readPath(event.state.input, timestampPath);
              pendingWaitUntil = typeof until === 'string' ? until : undefined;
            }
          }
          if (
            event.type === 'ExecutionSucceeded' ||
            event.type === 'ExecutionFailed' ||
            event.type === 'ExecutionAborted'
          )
            break;
        }
      })();
      try {
        const output = await running.result;
        if (execution.status === 'RUNNING') {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output ?? null);
        }
      } catch (error) {
        if (execution.status === 'RUNNING') {
          execution.status = 'FAILED';
          const cause = error instanceof Error ? ((error.cause as Error | undefined) ?? error) : undefined;
          execution.error = cause?.name ?? 'States.Runtime';
          execution.cause = cause?.message ?? String(error);
        }
      } finally {
        execution.stopDate ??= clock.now();
        await Promise.race([counting, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
    });

  const describe = (execution: Execution): Record<string, unknown> => ({
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate.getTime() / 1000,
    ...(execution.stopDate ? { stopDate: execution.stopDate.getTime() / 1000 } : {}),
    input: execution.input,
    ...(execution.output !== undefined ? { output: execution.output } : {}),
    ...(execution.error ? { error: execution.error, cause: execution.cause } : {}),
    stateTransitions: execution.stateTransitions,
  });

  const find = (arn: unknown): Execution => {
    const execution = executions.get(String(arn));
    if (!execution) throw new SfnServiceError('ExecutionDoesNotExist', `Execution does not exist: ${String(arn)}`);
    return execution;
  };

  return {
    async handle(action, body) {
      switch (action) {
        case 'StartExecution': {
          const entry = machineByArn(body.stateMachineArn);
          const name = typeof body.name === 'string' ? body.name : randomUUID();
          if (!/^[A-Za-z0-9_-]{1,80}$/.test(name))
            throw new SfnServiceError('InvalidName', `Invalid execution name: ${name}`);
          const stateMachineName = entry.machine.arn.split(':').pop() as string;
          const executionArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineName}:${name}`;
          const input = typeof body.input === 'string' ? body.input : '{}';
          const existing = executions.get(executionArn);
          if (existing) {
            if (existing.status === 'RUNNING' && existing.input === input)
              return { executionArn, startDate: existing.startDate.getTime() / 1000 };
            throw new SfnServiceError('ExecutionAlreadyExists', `Execution already exists: ${executionArn}`);
          }
          const execution: Execution = {
            executionArn,
            stateMachineArn: entry.machine.arn,
            name,
            status: 'RUNNING',
            startDate: clock.now(),
            input,
            stateTransitions: 0,
            abort: new AbortController(),
            done: Promise.resolve(),
          };
          executions.set(executionArn, execution);
          execution.done = run(entry, execution);
          return { executionArn, startDate: execution.startDate.getTime() / 1000 };
        }
        case 'StopExecution': {
          const execution = find(body.executionArn);
          if (execution.status === 'RUNNING') {
            execution.status = 'ABORTED';
            execution.stopDate = clock.now();
            if (typeof body.error === 'string') execution.error = body.error;
            if (typeof body.cause === 'string') execution.cause = body.cause;
            execution.abort.abort();
          }
          return { stopDate: (execution.stopDate ?? clock.now()).getTime() / 1000 };
        }
        case 'DescribeExecution':
          return describe(find(body.executionArn));
        case 'ListExecutions': {
          machineByArn(body.stateMachineArn);
          const filter = body.statusFilter;
          const list = [...executions.values()]
            .filter((e) => e.stateMachineArn === body.stateMachineArn && (!filter || e.status === filter))
            .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
            .map((e) => {
              const { input: _input, output: _output, stateTransitions: _t, ...summary } = describe(e);
              return summary;
            });
          return { executions: list };
        }
        case 'ListStateMachines':
          return {
            stateMachines: prepared.map((p) => ({
              stateMachineArn: p.machine.arn,
              name: p.machine.arn.split(':').pop(),
              type: 'STANDARD',
              creationDate: 0,
            })),
          };
        default:
          throw new SfnServiceError('UnknownOperationException', `Not supported locally: ${action}`);
      }
    },
    stats() {
      let stateTransitions = 0;
      for (const e of executions.values()) stateTransitions += e.stateTransitions;
      return { executions: executions.size, stateTransitions, lambdaInvocations };
    },
    async stopAll() {
      for (const execution of executions.values()) if (execution.status === 'RUNNING') execution.abort.abort();
      await Promise.all([...executions.values()].map((e) => e.done.catch(() => undefined)));
    },
  };
}
