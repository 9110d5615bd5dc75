import { AssetHashType, Duration, RemovalPolicy, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import * as path from 'node:path';

/** Metadata key naming a function's handler in the repository; the local runtime resolves Task states by it. */
export const HANDLER_METADATA_KEY = 'gongkai:handler';

const ROOT = path.join(__dirname, '..', '..');

/**
 * How every function is bundled (issue 17): an ES module with esbuild's code splitting, so that what a route needs
 * only sometimes (Word, Excel, S3, SES, the Lambda client, X-Ray…), reached through `import()`, sits in a chunk
 * that Node reads and compiles on first use instead of at every cold start. CommonJS packages inside the bundle
 * still call `require` for Node's built-ins: each file opens with a `require` made by `createRequire`. The AWS SDK
 * is bundled (its ES module builds, `mainFields`, let esbuild drop what a function never calls), so the deployed
 * code runs exactly the SDK version that was tested.
 */
export const LAMBDA_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  target: 'node22',
  minify: true,
  // Stack traces name the TypeScript lines (NODE_OPTIONS=--enable-source-maps); the maps carry no sources.
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [],
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  banner: {
    js: "import { createRequire as __gongkaiCreateRequire } from 'node:module'; const require = __gongkaiCreateRequire(import.meta.url);",
  },
  logLevel: 'error',
} as const satisfies BuildOptions;

/**
 * The module Lambda loads (`index.mjs`): every export of the handler file, then — where the function traces — the
 * Tracer and the X-Ray SDK, awaited at the top level so that they are loaded during Lambda's init exactly as before,
 * but as a chunk of their own that a function without tracing never reads (`functions/shared/aws/tracer.ts`).
 */
function lambdaEntry(entry: string): string {
  const file = (relative: string) => JSON.stringify(path.resolve(ROOT, relative));
  return [
    `export * from ${file(entry)};`,
    `import { loadTracer } from ${file('functions/shared/aws/tracer.ts')};`,
    'await loadTracer();',
  ].join('\n');
}

/**
 * Bundles one function's handler file (`entry`, relative to the repository root) into `outdir`: `index.mjs`, the
 * chunks it imports under `chunks/`, and their source maps. The construct below and `bench/bundle.ts` both call
 * it, so the benchmark loads exactly what is deployed. Returns esbuild's metafile (which chunk imports which).
 */
export function bundleFunction(entry: string, outdir: string): Metafile {
  const result = buildSync({
    ...LAMBDA_BUNDLING,
    external: [...LAMBDA_BUNDLING.external],
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    stdin: { contents: lambdaEntry(entry), resolveDir: ROOT, sourcefile: 'index.mjs', loader: 'ts' },
    absWorkingDir: ROOT,
    outdir: path.resolve(outdir),
    metafile: true,
  });
  return result.metafile;
}

/**
 * What a cold start reads of a bundle: `index.mjs` and the chunks it imports statically, transitively (absolute
 * paths, with their sizes and the source files in them); the other chunks are read on first use, by `import()`.
 */
export function coldStartFiles(metafile: Metafile): Map<string, Metafile['outputs'][string]> {
  const outputs = new Map(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.mjs'))
      .map(([file, output]) => [path.resolve(ROOT, file), output]),
  );
  const index = [...outputs.keys()].find((file) => path.basename(file) === 'index.mjs');
  const read = new Map<string, Metafile['outputs'][string]>();
  const visit = (file: string) => {
    const output = outputs.get(file);
    if (!output || read.has(file)) return;
    read.set(file, output);
    for (const imported of output.imports)
      if (imported.kind === 'import-statement' && !imported.external) visit(path.resolve(ROOT, imported.path));
  };
  if (index) visit(index);
  return read;
}

/**
 * Local bundling for `cdk synth`: esbuild in this process, never Docker. The entry is a property so that CDK's
 * asset cache (keyed by the bundling options as JSON) tells two functions' bundles apart, and shares one bundle
 * between the functions of one handler file (the annual report's API and scheduled function).
 */
class LocalEsbuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    bundleFunction(this.entry, outputDir);
    return true;
  }
}

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
 * A Lambda function with gongkai's defaults fixed in one place: arm64, Node.js 22, the code bundled by
 * `bundleFunction` (an ES module split into chunks, the AWS SDK inside), active tracing (Powertools' Tracer),
 * Powertools' service and metrics namespace, a log group with bounded retention and JSON logs. The tests and the
 * local runtime synthesise with `aws:cdk:bundling-stacks: []`: CDK then skips the bundling and names the asset by
 * the construct.
 */
export class ServiceFunction extends lambda.Function {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const handler = props.handler ?? 'handler';
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const bundling: BundlingOptions = {
      // Required by CDK's bundling options; never run, since local bundling always succeeds or throws.
      image: lambda.Runtime.NODEJS_22_X.bundlingImage,
      local: new LocalEsbuild(props.entry),
    };
    super(scope, id, {
      code: lambda.Code.fromAsset(path.join(ROOT, path.dirname(props.entry)), {
        assetHashType: AssetHashType.OUTPUT,
        bundling,
      }),
      handler: `index.${handler}`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', TZ: 'UTC', ...POWERTOOLS_ENVIRONMENT, ...props.environment },
    });
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(HANDLER_METADATA_KEY, `${props.entry}#${handler}`);
  }
}
