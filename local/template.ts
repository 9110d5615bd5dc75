import { App } from 'aws-cdk-lib';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildStack } from '../lib/build-stack';
import { HANDLER_METADATA_KEY } from '../lib/constructs/service-function';

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

/** Loads a handler reference `functions/…/handler.ts#export` as a function. */
export async function loadHandler(reference: string): Promise<(event: unknown, context: unknown) => Promise<unknown>> {
  const [file, exportName] = reference.split('#') as [string, string];
  const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${reference} does not export a function`);
  return handler as (event: unknown, context: unknown) => Promise<unknown>;
}
