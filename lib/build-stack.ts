import { App } from 'aws-cdk-lib';
import { GongkaiStack } from './gongkai-stack';

/** Reads a required context value, failing fast with a message that says how to set it. */
function requiredContext(app: App, key: string): string {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`Missing CDK context "${key}": set it in cdk.json or pass --context ${key}=…`);
  }
  return value;
}

/** Builds the gongkai stack into `app` from the context (shared by `bin/gongkai.ts`, the local runtime and tests). */
export function buildStack(app: App): GongkaiStack {
  return new GongkaiStack(app, 'Gongkai', {
    senderEmail: requiredContext(app, 'gongkai:senderEmail'),
    publicBaseUrl: requiredContext(app, 'gongkai:publicBaseUrl'),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
}
