import { StateMachine } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import type { BackgroundLane } from './background-lane';
import type { LocalClock } from './clock';
import { LOCAL_ACCOUNT, LOCAL_REGION, loadHandler, type LocalStateMachine } from './template';

/**
 * A local Step Functions service: runs the state machines of the synthesised template with
 * aws-local-stepfunctions and answers the JSON protocol of `@aws-sdk/client-sfn` (StartExecution,
 * StopExecution, DescribeExecution, ListExecutions, ListStateMachines), so handlers use the SDK unchanged.
 *
 * Wait states follow the local clock and may last any length (days, months): the engine runs an
 * execution in segments that end at a Wait (each Wait is handed to the engine as a terminal Pass state
 * that reports its name and input); the runtime then sleeps on the local clock (real or virtual, long
 * waits taken in slices) and starts the next segment at the Wait's `Next`. No Task ever sleeps, so the
 * engine's Task time limit only ever measures a handler's own work. Executions live in memory; after a
 * restart the reconcile job starts the timelines again (as it would in AWS after a failure).
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

type StateDefinition = Record<string, unknown> & {
  Type?: string;
  Next?: string;
  End?: boolean;
  Seconds?: number;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
  InputPath?: string;
  OutputPath?: string;
};
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** The key of the marker a segment ends with when it reaches a Wait. */
const WAIT_MARK = '__gongkaiLocalWait';

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

/** The instant a Wait state (given its effective input) waits until, on the local clock. */
function waitUntil(state: StateDefinition, input: unknown, now: Date): Date {
  const seconds = state.SecondsPath !== undefined ? readPath(input, state.SecondsPath) : state.Seconds;
  if (typeof seconds === 'number') return new Date(now.getTime() + seconds * 1000);
  const timestamp = state.TimestampPath !== undefined ? readPath(input, state.TimestampPath) : state.Timestamp;
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(at)) {
    const error = new Error(`The Wait state has no valid timestamp: ${JSON.stringify(timestamp)}`);
    error.name = 'States.Runtime';
    throw error;
  }
  return new Date(at);
}

/** Every Task state, those inside a Map's item processor included (the engine binds handlers by state name). */
function tasksOf(states: Record<string, StateDefinition>): [string, StateDefinition][] {
  return Object.entries(states).flatMap(([name, state]): [string, StateDefinition][] => {
    if (state.Type === 'Task') return [[name, state]];
    const processor = (state.ItemProcessor ?? state.Iterator) as
      { States?: Record<string, StateDefinition> } | undefined;
    return state.Type === 'Map' && processor?.States ? tasksOf(processor.States) : [];
  });
}

export interface LocalStepFunctions {
  handle(action: string, body: Record<string, unknown>): Promise<unknown>;
  /** Totals per state machine since start (for the cost model). */
  stats(): { executions: number; stateTransitions: number; lambdaInvocations: number; running: number };
  stopAll(): Promise<void>;
}

type SegmentResult = { wait: string; input: unknown } | { output: unknown };

export function makeLocalStepFunctions(
  machines: LocalStateMachine[],
  clock: LocalClock,
  /** Each segment of an execution starts at its turn behind the API requests in flight (background-lane.ts). */
  lane?: BackgroundLane,
): LocalStepFunctions {
  const executions = new Map<string, Execution>();
  const handlerCache = new Map<string, Promise<Handler>>();
  /** Task handlers running now (a stop waits for them). */
  const inflight = new Set<Promise<void>>();
  let lambdaInvocations = 0;

  const handlerFor = (reference: string): Promise<Handler> => {
    let cached = handlerCache.get(reference);
    if (!cached) handlerCache.set(reference, (cached = loadHandler(reference)));
    return cached;
  };

  const prepared = machines.map((machine) => {
    const states = (machine.definition.States ?? {}) as Record<string, StateDefinition>;
    const waits = new Map(Object.entries(states).filter(([, state]) => state.Type === 'Wait'));
    // Each Wait becomes a terminal Pass that hands its name and effective input to the runtime.
    const segmented: Record<string, unknown> = {
      ...machine.definition,
      States: Object.fromEntries(
        Object.entries(states).map(([name, state]) =>
          state.Type === 'Wait'
            ? [
                name,
                {
                  Type: 'Pass',
                  ...(state.InputPath !== undefined ? { InputPath: state.InputPath } : {}),
                  Parameters: { [WAIT_MARK]: name, 'input.$': '$' },
                  End: true,
                },
              ]
            : [name, state],
        ),
      ),
    };
    const startAt = String(machine.definition.StartAt);
    const segmentStarts = new Set([startAt, ...[...waits.values()].flatMap((w) => (w.Next ? [w.Next] : []))]);
    // The definition as written is validated once; its segments (unreachable states by design) are not.
    new StateMachine(machine.definition as never, { validationOptions: { checkArn: false } });
    const segments = new Map(
      [...segmentStarts].map((start) => [
        start,
        new StateMachine({ ...segmented, StartAt: start } as never, { validationOptions: { noValidate: true } }),
      ]),
    );
    const localHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const taskStates = tasksOf(states);
    for (const [stateName, state] of taskStates) {
      const reference = machine.lambdaHandlers[String(state.Resource)];
      if (!reference) throw new Error(`No local handler for ${String(state.Resource)} (state ${stateName})`);
      localHandlers[stateName] = (input) => {
        lambdaInvocations += 1;
        const invocation = handlerFor(reference).then((handler) =>
          handler(input, { awsRequestId: randomUUID(), functionName: reference }),
        );
        // An aborted execution does not cancel a Task already running: stopping waits for it (its writes land).
        const settled = invocation.then(
          () => undefined,
          () => undefined,
        );
        inflight.add(settled);
        void settled.finally(() => inflight.delete(settled));
        return invocation;
      };
    }
    // Under the virtual clock a retry does not wait its real backoff (the clock waits for busy work).
    const retryIntervalOverrides = clock.virtual
      ? Object.fromEntries(taskStates.map(([name]) => [name, 50]))
      : undefined;
    return { machine, startAt, waits, segments, localHandlers, retryIntervalOverrides };
  });

  const machineByArn = (arn: unknown): (typeof prepared)[number] => {
    const found = prepared.find((p) => p.machine.arn === arn);
    if (!found) throw new SfnServiceError('StateMachineDoesNotExist', `State machine does not exist: ${String(arn)}`);
    return found;
  };

  /** Runs the engine from `start` until the execution ends or reaches a Wait. */
  const runSegment = async (
    entry: (typeof prepared)[number],
    execution: Execution,
    start: string,
    input: unknown,
  ): Promise<SegmentResult | undefined> => {
    const stateMachine = entry.segments.get(start);
    if (!stateMachine) throw new Error(`No segment starts at ${start}`);
    const running = stateMachine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: entry.localHandlers as never,
        ...(entry.retryIntervalOverrides ? { retryIntervalOverrides: entry.retryIntervalOverrides } : {}),
      },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          Input: JSON.parse(execution.input) as never,
          StartTime: execution.startDate.toISOString(),
        },
      },
    });
    const onAbort = (): void => running.abort();
    execution.abort.signal.addEventListener('abort', onAbort, { once: true });
    const counting = (async () => {
      for await (const event of running.eventLogs) {
        if (event.type === 'StateEntered') execution.stateTransitions += 1;
        if (
          event.type === 'ExecutionSucceeded' ||
          event.type === 'ExecutionFailed' ||
          event.type === 'ExecutionAborted'
        )
          break;
      }
    })();
    try {
      const output = (await running.result) as unknown;
      if (execution.abort.signal.aborted) return undefined;
      if (output && typeof output === 'object' && WAIT_MARK in output) {
        const marker = output as { [WAIT_MARK]: string; input: unknown };
        return { wait: marker[WAIT_MARK], input: marker.input };
      }
      return { output };
    } finally {
      execution.abort.signal.removeEventListener('abort', onAbort);
      await Promise.race([counting, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
  };

  const run = (entry: (typeof prepared)[number], execution: Execution): Promise<void> =>
    clock.track(async () => {
      const signal = execution.abort.signal;
      try {
        let start = entry.startAt;
        let input: unknown = JSON.parse(execution.input);
        for (;;) {
          await lane?.turn();
          if (signal.aborted) return;
          const result = await runSegment(entry, execution, start, input);
          if (!result || signal.aborted) return;
          if ('output' in result) {
            if (execution.status === 'RUNNING') {
              execution.status = 'SUCCEEDED';
              execution.output = JSON.stringify(result.output ?? null);
            }
            return;
          }
          const wait = entry.waits.get(result.wait) as StateDefinition;
          await clock.sleepUntil(waitUntil(wait, result.input, clock.now()), signal);
          if (signal.aborted) return;
          // A Wait passes on its effective input (after InputPath), narrowed by its OutputPath.
          input = wait.OutputPath !== undefined ? readPath(result.input, wait.OutputPath) : result.input;
          if (wait.End || !wait.Next) {
            execution.status = 'SUCCEEDED';
            execution.output = JSON.stringify(input ?? null);
            return;
          }
          start = wait.Next;
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
          if (body.input !== undefined && typeof body.input !== 'string')
            throw new SfnServiceError('ValidationException', 'input must be a string');
          const input = typeof body.input === 'string' ? body.input : '{}';
          try {
            JSON.parse(input);
          } catch {
            throw new SfnServiceError('InvalidExecutionInput', 'The execution input is not valid JSON');
          }
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
      let running = 0;
      for (const e of executions.values()) {
        stateTransitions += e.stateTransitions;
        if (e.status === 'RUNNING') running += 1;
      }
      return { executions: executions.size, stateTransitions, lambdaInvocations, running };
    },
    async stopAll() {
      for (const execution of executions.values()) if (execution.status === 'RUNNING') execution.abort.abort();
      await Promise.all([...executions.values()].map((e) => e.done.catch(() => undefined)));
      while (inflight.size) await Promise.all([...inflight]);
    },
  };
}
