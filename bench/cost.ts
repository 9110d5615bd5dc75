import '../local/esm-interop';
import { parseArgs } from 'node:util';
import { addWorkingDays } from '../functions/shared/domain/calendar';
import { defaultCalendar } from '../functions/shared/domain/calendar';
import { sampleApplication, startTestSystem, type TestSystem } from '../test/support/local-system';

/**
 * Cost model of the reply timeline (issue 5): replays a year of realistic cases under the virtual clock
 * through the real API, handlers, DynamoDB, SES and the synthesised state machine, counts what AWS bills
 * for, and prices it.
 *
 * Prices: AWS list prices, us-east-1, as published in November 2026 —
 *   Step Functions Standard  $0.025 per 1,000 state transitions
 *   Lambda                   $0.20 per 1M requests + $0.0000133334 per GB-second (arm64); assumed 512 MB × 150 ms
 *   DynamoDB on-demand       $0.625 per 1M write request units, $0.125 per 1M read request units
 *   SES                      $0.10 per 1,000 emails
 *   API Gateway (REST)       $3.50 per 1M requests
 * (The Beijing/Ningxia regions bill in CNY at different rates; the ratios between cases hold.)
 */
const PRICE = {
  transition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334,
  lambdaGbSecondsPerInvocation: 0.5 * 0.15,
  write: 0.625 / 1e6,
  read: 0.125 / 1e6,
  email: 0.1 / 1000,
  apiRequest: 3.5 / 1e6,
};

type Kind = 'typical' | 'supplemented' | 'supplement_lapsed' | 'extended' | 'consulted' | 'fee_lapsed';
interface Step {
  at: string;
  run: () => Promise<void>;
}

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '120' }, seed: { type: 'string', default: '7' } },
});
const caseCount = Number(values.cases);
let seed = Number(values.seed);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (n: number) => Math.floor(random() * n);
const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** Counts DynamoDB request units from the handlers' own client (1 WRU per started KB written, 1 RRU per 4 KB read, approximated by request/response size). */
const usage = { reads: 0, writes: 0 };
let counting = false;
/** Installed once the local system has set the endpoints the handlers' clients read (they load lazily). */
async function countRequestUnits(): Promise<void> {
  if (counting) return;
  counting = true;
  const { dynamoClient } = await import('../functions/shared/aws/dynamodb');
  dynamoClient.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const command = context.commandName ?? '';
      const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? {}), 'utf8');
      if (/^(Put|Update|Delete)Item/.test(command))
        usage.writes += Math.max(1, Math.ceil(size((args.input as { Item?: unknown }).Item) / 1024));
      else if (/^(GetItem|Query|Scan)/.test(command)) {
        const output = result.output as { Item?: unknown; Items?: unknown[] };
        usage.reads += Math.max(1, Math.ceil(size(output.Item ?? output.Items) / 4096) * 0.5); // eventually consistent reads cost half
      }
      return result;
    },
    { step: 'finalizeRequest', name: 'benchCountRequestUnits' },
  );
}

async function replay(t: TestSystem, kinds: Kind[]): Promise<{ apiRequests: number }> {
  let apiRequests = 0;
  const token = t.tokens['niedui-town'];
  const call = async (method: string, route: string, body?: unknown) => {
    apiRequests += 1;
    const response = await t.api<Record<string, unknown>>(method, route, { token, ...(body ? { body } : {}) });
    if (response.status >= 300)
      throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const act = async (caseId: string, action: Record<string, unknown>) => {
    const current = (await call('GET', `/v1/cases/${caseId}`)) as { case: { version: number } };
    return call('POST', `/v1/cases/${caseId}/actions`, { ...action, expectedVersion: current.case.version });
  };
  const steps: Step[] = [];
  kinds.forEach((kind, index) => {
    // Receipt dates spread over the working days of 2024.
    const receivedOn = addWorkingDays(defaultCalendar(), '2024-01-02', Math.floor((index * 230) / kinds.length));
    const wd = (n: number) => addWorkingDays(defaultCalendar(), receivedOn, n);
    const state: { caseId?: string; receiptNumber?: string; trackingCode?: string } = {};
    steps.push({
      at: at(receivedOn, 10),
      run: async () => {
        apiRequests += 1;
        const { body } = await t.api<{ caseId: string; receiptNumber: string; trackingCode: string }>(
          'POST',
          '/v1/requests',
          {
            body: sampleApplication({ clientToken: `bench-case-${index}-0001` }),
          },
        );
        Object.assign(state, body);
      },
    });
    const reply = (day: number) =>
      steps.push({
        at: at(wd(day), 15),
        run: async () =>
          void (await act(state.caseId as string, { type: 'reply', outcome: 'disclosed', summary: '予以公开' })),
      });
    switch (kind) {
      case 'typical':
        reply(10 + pick(11));
        break;
      case 'supplemented':
        steps.push({
          at: at(wd(2), 11),
          run: async () =>
            void (await act(state.caseId as string, {
              type: 'request_supplement',
              items: '请写明文号',
              periodWorkingDays: 15,
            })),
        });
        steps.push({
          at: at(wd(6), 11),
          run: async () => {
            apiRequests += 1;
            await t.api('POST', `/v1/requests/${state.receiptNumber}/supplement?code=${state.trackingCode}`, {
              body: { text: '文号为聂政〔2024〕1号' },
            });
          },
        });
        reply(6 + 12 + pick(8));
        break;
      case 'supplement_lapsed':
        steps.push({
          at: at(wd(3), 11),
          run: async () =>
            void (await act(state.caseId as string, {
              type: 'request_supplement',
              items: '请写明文号',
              periodWorkingDays: 10,
            })),
        });
        break;
      case 'extended':
        steps.push({
          at: at(wd(18), 11),
          run: async () =>
            void (await act(state.caseId as string, { type: 'extend', workingDays: 15, approver: '王主任' })),
        });
        reply(25 + pick(8));
        break;
      case 'consulted': {
        let consultationId = '';
        steps.push({
          at: at(wd(5), 11),
          run: async () => {
            const body = (await act(state.caseId as string, {
              type: 'start_consultation',
              party: 'third_party',
              name: '某公司',
            })) as { events: { event: { consultationId?: string } }[] };
            consultationId = body.events.at(-1)?.event.consultationId ?? '';
          },
        });
        steps.push({
          at: at(wd(15), 11),
          run: async () => void (await act(state.caseId as string, { type: 'end_consultation', consultationId })),
        });
        reply(24);
        break;
      }
      case 'fee_lapsed':
        steps.push({
          at: at(wd(8), 11),
          run: async () =>
            void (await act(state.caseId as string, { type: 'issue_fee_notice', method: 'by_pages', pages: 150 })),
        });
        break;
    }
  });
  steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const step of steps) {
    await t.advanceTo(step.at);
    await step.run();
  }
  await t.advanceTo('2025-03-31T12:00:00+08:00');
  return { apiRequests };
}

interface Measured {
  cases: number;
  transitions: number;
  lambda: number;
  reads: number;
  writes: number;
  emails: number;
  api: number;
}

async function measure(kinds: Kind[]): Promise<Measured> {
  const t = await startTestSystem({ virtualClock: '2024-01-02T08:00:00+08:00' });
  await countRequestUnits();
  usage.reads = 0;
  usage.writes = 0;
  try {
    const { apiRequests } = await replay(t, kinds);
    const stats = t.system.stepFunctions.stats();
    const emails = (await t.emails()).length;
    return {
      cases: kinds.length,
      transitions: stats.stateTransitions,
      lambda: stats.lambdaInvocations + apiRequests,
      reads: usage.reads,
      writes: usage.writes,
      emails,
      api: apiRequests,
    };
  } finally {
    await t.stop();
  }
}

function report(label: string, m: Measured): void {
  const per = (n: number) => n / m.cases;
  const cost =
    per(m.transitions) * PRICE.transition +
    per(m.lambda) * (PRICE.lambdaRequest + PRICE.lambdaGbSecondsPerInvocation * PRICE.lambdaGbSecond) +
    per(m.reads) * PRICE.read +
    per(m.writes) * PRICE.write +
    per(m.emails) * PRICE.email +
    per(m.api) * PRICE.apiRequest;
  console.log(
    `${label.padEnd(22)} cases ${String(m.cases).padStart(4)} | per case: transitions ${per(m.transitions).toFixed(1)}, ` +
      `Lambda ${per(m.lambda).toFixed(1)}, DynamoDB RRU ${per(m.reads).toFixed(1)} WRU ${per(m.writes).toFixed(1)}, ` +
      `emails ${per(m.emails).toFixed(1)}, API ${per(m.api).toFixed(1)} | $${cost.toFixed(6)} per case`,
  );
}

async function main(): Promise<void> {
  const mix: Kind[] = [];
  const weights: [Kind, number][] = [
    ['typical', 0.7],
    ['supplemented', 0.08],
    ['supplement_lapsed', 0.05],
    ['extended', 0.08],
    ['consulted', 0.06],
    ['fee_lapsed', 0.03],
  ];
  for (const [kind, weight] of weights) for (let i = 0; i < Math.round(weight * caseCount); i++) mix.push(kind);
  mix.sort(() => random() - 0.5);
  console.log(`bench/cost: ${mix.length} cases received through 2024, replayed under the virtual clock to 2025-03-31`);
  report(
    'typical (baseline)',
    await measure(Array.from({ length: Math.max(10, Math.round(caseCount / 6)) }, () => 'typical' as const)),
  );
  report('year mix', await measure(mix));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
