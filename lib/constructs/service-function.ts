import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import * as path from 'node:path';

/** Metadata key naming a function's handler in the repository; the local runtime resolves Task states by it. */
export const HANDLER_METADATA_KEY = 'gongkai:handler';

/**
 * How every function is bundled (esbuild through `NodejsFunction`); `bench/bundle.ts` bundles with the same
 * options to measure what a cold start loads.
 */
export const LAMBDA_BUNDLING: {
  minify: boolean;
  sourceMap: boolean;
  target: string;
  externalModules: string[];
  mainFields: string[];
} = {
  minify: true,
  sourceMap: true,
  target: 'node22',
  externalModules: [], // bundle the AWS SDK v3 rather than rely on the runtime's copy
  // The SDK's ES module builds let esbuild drop what a function never calls (issue 17: bundle size).
  mainFields: ['module', 'main'],
};

/**
 * Powertools for AWS Lambda (issue 15), the same for every function: one service and one metrics namespace (the
 * function is named in each log line by the Lambda context), and no error messages in traces (they may quote
 * personal data; the masked logs carry them).
 */
export const POWERTOOLS_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'gongkai',
  POWERTOOLS_METRICS_NAMESPACE: 'Gongkai',
  POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
} as const;

export interface ServiceFunctionProps {
  /** Path of the handler file relative to the repository root, e.g. `functions/intake/handler.ts`. */
  entry: string;
  /** Exported handler name. */
  handler?: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * A Lambda function with gongkai's defaults fixed in one place: arm64, Node.js 22, the AWS SDK bundled
 * and minified (so the deployed code runs exactly the SDK version that was tested), active tracing (Powertools'
 * Tracer), Powertools' service and metrics namespace, a log group with bounded retention and JSON logs.
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const handler = props.handler ?? 'handler';
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(__dirname, '..', '..', props.entry),
      handler,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', TZ: 'UTC', ...POWERTOOLS_ENVIRONMENT, ...props.environment },
      bundling: { ...LAMBDA_BUNDLING, format: OutputFormat.CJS, forceDockerBundling: false },
    });
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(HANDLER_METADATA_KEY, `${props.entry}#${handler}`);
  }
}
