#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack } from '../lib/build-stack';
import { buildWeb } from '../web/build';

async function main(): Promise<void> {
  // The pages are bundled first: the stack deploys `web/dist` to the web bucket.
  await buildWeb();
  const app = new App();
  buildStack(app);
  // `npx cdk synth -c gongkai:nag=true` runs the AWS Solutions rule pack over the stack.
  if (app.node.tryGetContext('gongkai:nag') === 'true')
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  app.synth();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
