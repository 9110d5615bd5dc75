/**
 * The X-Ray tracer as a chunk loaded at init (issue 17): inside Lambda with tracing on, `loadTracer()` (awaited by the
 * bundle's entry) loads Powertools' Tracer and captures the clients that were made before it, so nothing made at
 * module scope (the DynamoDB client) goes untraced; outside Lambda nothing is loaded and clients stay as they are.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type TracerModule = typeof import('../../functions/shared/aws/tracer');

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** The tracer module as a fresh container would load it, under `environment` (kept for the test). */
function freshTracer(environment: Record<string, string | undefined>): TracerModule {
  for (const [name, value] of Object.entries(environment))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  let module: TracerModule | undefined;
  jest.isolateModules(() => {
    module = jest.requireActual<TracerModule>('../../functions/shared/aws/tracer');
  });
  return module as TracerModule;
}

/** What the Lambda runtime sets (Powertools' Tracer traces only where `AWS_EXECUTION_ENV` says Lambda). */
const LAMBDA = { AWS_LAMBDA_FUNCTION_NAME: 'gongkai-test', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };

const xrayInstrumented = (client: DynamoDBClient): boolean =>
  client.middlewareStack.identify().some((name) => name.startsWith('XRaySDKInstrumentation'));

describe('tracer loaded as a chunk', () => {
  it('captures inside Lambda the clients made before the tracer was loaded, and those made after', async () => {
    // Arrange
    const { traced, loadTracer } = freshTracer({ ...LAMBDA, POWERTOOLS_TRACE_ENABLED: undefined });
    const early = traced(new DynamoDBClient({ region: 'cn-north-1' }));
    const documents = DynamoDBDocumentClient.from(early);

    // Act
    await loadTracer();
    const late = traced(new DynamoDBClient({ region: 'cn-north-1' }));

    // Assert
    expect(xrayInstrumented(early)).toBe(true);
    expect(documents.middlewareStack).toBe(early.middlewareStack);
    expect(xrayInstrumented(late)).toBe(true);
  });

  it('loads nothing and leaves clients as they are outside Lambda or with tracing off', async () => {
    for (const environment of [
      { AWS_LAMBDA_FUNCTION_NAME: undefined, AWS_EXECUTION_ENV: undefined },
      { ...LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' },
    ]) {
      // Arrange
      const { traced, loadTracer, tracedHandler } = freshTracer(environment);
      const client = traced(new DynamoDBClient({ region: 'cn-north-1' }));

      // Act
      await loadTracer();
      await tracedHandler().before?.({} as never);

      // Assert
      expect(xrayInstrumented(client)).toBe(false);
    }
  });
});
