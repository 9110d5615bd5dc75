import { App } from 'aws-cdk-lib';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildStack } from '../lib/build-stack';
import { HANDLER_METADATA_KEY } from '../lib/constructs/service-function';
import { inInvocation } from './invocations';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
const ROOT = path.resolve(__dirname, '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface CfnResource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  /** Where the cloud assembly (with its file assets) was written. */
  assemblyDirectory?: string;
}

/** A state machine from the synthesised template, its definition resolved to plain ASL. */
export interface LocalStateMachine {
  /** CDK construct path, e.g. `Gongkai/ReplyTimeline/StateMachine/Resource`. */
  path: string;
  arn: string;
  definition: Record<string, unknown>;
  /** Lambda function ARN → handler reference `functions/…/handler.ts#export` (from ServiceFunction metadata). */
  lambdaHandlers: Record<string, string>;
}

/**
 * Synthesises the CDK stack in-process (bundling skipped, as in the tests) with the context of `cdk.json`,
 * so the local system runs exactly what `cdk deploy` would deploy.
 */
export function synthesizeTemplate(): CfnTemplate {
  const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true },
    outdir: undefined,
    // CDK's built-in CloudFormation validation (a WebAssembly rule engine) costs most of a cold synth (26 s of
    // 30 s measured on a loaded 2-core machine, 4 s otherwise); `cdk synth` and `cdk deploy` still run it, and
    // so does CI. The local system only needs the template. Issue 17: start time.
    builtinCloudFormationValidation: false,
  });
  const stack = buildStack(app);
  const assembly = app.synth();
  return {
    ...(assembly.getStackArtifact(stack.artifactId).template as CfnTemplate),
    assemblyDirectory: assembly.directory,
  };
}

const lambdaArn = (logicalId: string): string =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${logicalId}`;

/** Resolves the intrinsic functions CDK leaves in a definition string (Fn::Join, Ref, Fn::GetAtt). */
function resolveIntrinsic(value: Json, template: CfnTemplate): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((part) => resolveIntrinsic(part, template)).join(separator);
    }
    if ('Ref' in value) {
      const ref = value.Ref as string;
      if (ref === 'AWS::Partition') return 'aws';
      if (ref === 'AWS::Region') return LOCAL_REGION;
      if (ref === 'AWS::AccountId') return LOCAL_ACCOUNT;
      if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
      return ref;
    }
    if ('Fn::GetAtt' in value) {
      const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
      const resource = template.Resources[logicalId];
      if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return lambdaArn(logicalId);
      return `${logicalId}.${attribute}`;
    }
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)} in a state machine definition`);
}

/**
 * The ASL text of a state machine: inline (`DefinitionString`) or a file asset (`DefinitionS3Location`, what
 * `DefinitionBody.fromFile` produces) read from the cloud assembly, with `DefinitionSubstitutions` applied.
 */
function definitionOf(logicalId: string, resource: CfnResource, template: CfnTemplate): string {
  const properties = resource.Properties ?? {};
  let text: string;
  if (properties.DefinitionString !== undefined) text = resolveIntrinsic(properties.DefinitionString, template);
  else if (properties.DefinitionS3Location && template.assemblyDirectory) {
    const key = String((properties.DefinitionS3Location as Record<string, Json>).Key);
    const staged = readdirSync(template.assemblyDirectory).find(
      (name) => name === `asset.${key}` || name.endsWith(key),
    );
    const file = staged ? path.join(template.assemblyDirectory, staged) : '';
    if (!file || !existsSync(file))
      throw new Error(`State machine ${logicalId}: asset ${key} not found in the cloud assembly`);
    text = readFileSync(file, 'utf8');
  } else throw new Error(`State machine ${logicalId} has no definition`);
  const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, Json>;
  for (const [name, value] of Object.entries(substitutions))
    text = text.split(`\${${name}}`).join(resolveIntrinsic(value, template));
  return text;
}

/** Every state machine of the template, ready for aws-local-stepfunctions. */
export function localStateMachines(template: CfnTemplate): LocalStateMachine[] {
  const lambdaHandlers: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const handler = resource.Metadata?.[HANDLER_METADATA_KEY];
    if (resource.Type === 'AWS::Lambda::Function' && typeof handler === 'string')
      lambdaHandlers[lambdaArn(logicalId)] = handler;
  }
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::StepFunctions::StateMachine')
    .map(([logicalId, resource]) => {
      return {
        path: String(resource.Metadata?.['aws:cdk:path'] ?? logicalId),
        arn: `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`,
        definition: JSON.parse(definitionOf(logicalId, resource, template)) as Record<string, unknown>,
        lambdaHandlers,
      };
    });
}

/**
 * Loads a handler reference `functions/…/handler.ts#export` as a function; each call runs as one invocation in its
 * own scope (`invocations.ts`: the request id in its log lines, its own metrics).
 */
export async function loadHandler(reference: string): Promise<(event: unknown, context: unknown) => Promise<unknown>> {
  const [file, exportName] = reference.split('#') as [string, string];
  const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${reference} does not export a function`);
  const invoke = handler as (event: unknown, context: unknown) => Promise<unknown>;
  return (event, context) => inInvocation(context, () => invoke(event, context));
}

/**
 * What differs locally from AWS, in one place (README "Local and AWS" points here). Each entry names what AWS
 * does, what the local system does instead, and why.
 */
export const LOCAL_DIFFERENCES = {
  /** Variables the template sets that the local system overrides, with the local value. */
  overrides: {
    SENDER_EMAIL: {
      local: 'noreply@gongkai.local',
      why: 'the local SES accepts any sender; local mail is visibly local',
    },
    CASE_FILES_BUCKET_NAME: {
      local: 'gongkai-case-files',
      why: 'case documents and attachments have their own local bucket (s3rver), reachable from the browser (CORS)',
    },
    PUBLIC_BASE_URL: {
      local: 'http://localhost:3000',
      why: 'email links point at the local front (gongkai start --port 3000) instead of the public site',
    },
  },
  /** How template references resolve locally, by resource type. */
  references: {
    'AWS::DynamoDB::Table': 'the local table (dynalite) named gongkai-cases',
    'AWS::S3::Bucket': 'the local bucket (s3rver) named gongkai-reports',
    'AWS::StepFunctions::StateMachine': 'the local state machine ARN (aws-local-stepfunctions)',
    'AWS::SES::ConfigurationSet': 'empty: the local SES has no configuration sets (no event destination)',
    'AWS::Cognito::UserPool': 'empty: no Cognito locally; the local front checks the printed tokens',
    'AWS::Cognito::UserPoolClient': 'empty: no Cognito locally',
    'AWS::Lambda::Function':
      'empty: no Lambda service locally; functions are called in process (e.g. the outbox sender)',
    other: 'empty: a resource with no local stand-in is left unset',
  } as Record<string, string>,
  /** Variables only the local system sets (endpoints, credentials, tuning); AWS needs none of them. */
  localOnly: [
    'GONGKAI_LOCAL',
    'AWS_REGION',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ENDPOINT_URL_DYNAMODB',
    'AWS_ENDPOINT_URL_S3',
    'AWS_ENDPOINT_URL_SESV2',
    'AWS_ENDPOINT_URL_SFN',
    'OUTBOX_LEASE_SECONDS',
    'OUTBOX_RETRY_BASE_SECONDS',
    'OUTBOX_RETRY_MAX_SECONDS',
    'POWERTOOLS_TRACE_ENABLED',
    'AWS_LAMBDA_MAX_CONCURRENCY',
  ],
  /** Other differences, stated for the README. */
  notes: [
    'All functions run in one Node.js process, so each sees the union of the functions’ variables (in AWS a function sees only its own; e.g. only the functions that control timelines have TIMELINE_STATE_MACHINE_ARN).',
    'API Gateway’s own 401/403/404/429 answers are given by the local front in the same { error: { code, message } } shape; throttling is not simulated.',
    'Binary responses (Word, Excel) are sent as bytes by the local front whenever isBase64Encoded is set; API Gateway does so only for the binary media types of the stack and a matching Accept header.',
    'Staff sign in with the tokens gongkai start prints (one per Cognito group) instead of the Cognito hosted UI; the console asks for a pasted token only when the site has no config.json.',
    'EventBridge Scheduler is a local cron on the local clock; there is no dead-letter queue and no alarm locally.',
    'All invocations share one process, as on Lambda Managed Instances: each runs in its own InvokeStore scope (AWS_LAMBDA_MAX_CONCURRENCY), so Powertools logs its request id and flushes its own metrics.',
    'X-Ray tracing is off (POWERTOOLS_TRACE_ENABLED=false; no daemon); the metrics are written as EMF lines into the log file like the logs, and nothing reads them.',
  ],
} as const;

/** A service function of the template with its environment resolved for the local system. */
export interface LocalFunctionEnvironment {
  logicalId: string;
  /** `functions/…/handler.ts#export`. */
  handler: string;
  /** The template's variables, references resolved to the local stand-ins. */
  template: Record<string, string>;
  /** What the local system sets for it: the template's variables with the documented overrides. */
  local: Record<string, string>;
}

/** Each service function's environment from the synthesised template, resolved for the local system. */
export function localFunctionEnvironments(
  template: CfnTemplate,
  locals: { tableName: string; bucketName: string; searchHashKey?: string },
): LocalFunctionEnvironment[] {
  const resolve = (value: Json): string => {
    if (typeof value === 'string') return value;
    // A Secrets Manager dynamic reference ({{resolve:secretsmanager:…}}): locally the search hash key is a
    // key generated once per data folder (`<data>/search-key`).
    if (JSON.stringify(value).includes('{{resolve:secretsmanager:')) return locals.searchHashKey ?? '';
    const ref = value && typeof value === 'object' && !Array.isArray(value) ? value.Ref : undefined;
    const type = typeof ref === 'string' ? template.Resources[ref]?.Type : undefined;
    switch (type) {
      case 'AWS::DynamoDB::Table':
        return locals.tableName;
      case 'AWS::S3::Bucket':
        return locals.bucketName;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${String(ref)}`;
      default:
        return '';
    }
  };
  const overrides = LOCAL_DIFFERENCES.overrides as Record<string, { local: string }>;
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && typeof r.Metadata?.[HANDLER_METADATA_KEY] === 'string')
    .map(([logicalId, r]) => {
      const variables = ((r.Properties?.Environment as Record<string, Json> | undefined)?.Variables ?? {}) as Record<
        string,
        Json
      >;
      const resolved = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolve(v)]));
      return {
        logicalId,
        handler: String(r.Metadata?.[HANDLER_METADATA_KEY]),
        template: resolved,
        local: Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, overrides[k]?.local ?? v])),
      };
    });
}

/** The one process environment of the local system: every function's variables (they agree on shared names). */
export function mergedLocalEnvironment(functions: readonly LocalFunctionEnvironment[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const fn of functions)
    for (const [name, value] of Object.entries(fn.local)) {
      if (name in merged && merged[name] !== value && value !== '')
        throw new Error(`Functions disagree on ${name}: ${merged[name]} / ${value}`);
      if (!(name in merged) || merged[name] === '') merged[name] = value;
    }
  return merged;
}
