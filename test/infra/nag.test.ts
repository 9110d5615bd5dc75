import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack } from '../../lib/build-stack';
import { buildWeb } from '../../web/build';

beforeAll(() => buildWeb(), 60_000);

describe('cdk-nag AWS Solutions checks', () => {
  it('find nothing in the stack beyond the acknowledged findings, each with its reason', () => {
    // Arrange
    const app = new App({
      context: {
        'aws:cdk:bundling-stacks': [],
        'gongkai:senderEmail': 'noreply@example.gov.cn',
        'gongkai:publicBaseUrl': 'https://gongkai.example.gov.cn',
      },
    });
    buildStack(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // Act / Assert: policy validation failures make synthesis throw.
    expect(() => app.synth()).not.toThrow();
  });
});
