import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// asl-validator ships CommonJS without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateAsl = require('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};

interface State {
  Type: string;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Default?: string;
  Resource?: string;
}

const definitionFile = path.join(__dirname, '..', '..', 'lib', 'statemachine', 'reply-timeline.asl.json');
const definition = JSON.parse(readFileSync(definitionFile, 'utf8')) as {
  StartAt: string;
  States: Record<string, State>;
};
const states = Object.entries(definition.States);

describe('the reply timeline definition file', () => {
  it('is valid Amazon States Language (asl-validator)', () => {
    // Arrange: the CDK substitution placeholders become a Lambda ARN, as in the deployed template.
    const resolved = JSON.parse(
      readFileSync(definitionFile, 'utf8').replace(
        /\$\{DeadlineTrackerArn\}/g,
        'arn:aws:lambda:cn-north-1:123456789012:function:tracker',
      ),
    ) as unknown;
    // Act
    const result = validateAsl(resolved);
    // Assert
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it.each(states.filter(([, s]) => s.Type === 'Task'))(
    'Task %s retries with jitter and catches every error',
    (_name, state) => {
      expect(state.Retry?.length).toBeGreaterThan(0);
      expect(state.Retry?.every((r) => r.JitterStrategy === 'FULL')).toBe(true);
      expect(state.Catch?.some((c) => c.ErrorEquals.includes('States.ALL'))).toBe(true);
    },
  );

  it.each(states.filter(([, s]) => s.Type === 'Choice'))('Choice %s has a Default', (_name, state) => {
    expect(typeof state.Default).toBe('string');
    expect(definition.States[state.Default as string]).toBeDefined();
  });

  it('names its states with business verbs and uses JSONPath only (runs offline)', () => {
    expect(Object.keys(definition.States)).toEqual(
      expect.arrayContaining(['PlanNextStep', 'WaitUntilDue', 'SendReminder', 'EscalateOverdue', 'CloseAsAbandoned']),
    );
    expect(JSON.stringify(definition)).not.toContain('QueryLanguage');
  });
});
