import '../local/esm-interop';
import { parseArgs } from 'node:util';
import { appendCaseEvent, deriveForStore } from '../functions/shared/case-workflow';
import { makeCaseRepository, type CaseRecord } from '../functions/shared/store/case-repository';
import { loadHandler } from '../local/template';
import { sampleApplication, startTestSystem } from '../test/support/local-system';

/**
 * The reconcile job at scale (issues #10 and #17): open cases are written straight into the local
 * DynamoDB (as if their timelines had been lost in a restart), then the reconcile runs twice — the first
 * pass starts a timeline for every case without one, the second finds every case served (the daily case).
 * Sizes grow cumulatively (1k, then 5k, then 20k open cases); one pass must stay linear: the 20k pass
 * within 25× the 1k pass.
 *
 *   npm run bench:reconcile -- [--sizes 1000,5000,20000]
 */
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,5000,20000' } } });
const sizes = values.sizes.split(',').map(Number);

async function main(): Promise<void> {
  const t = await startTestSystem({ virtualClock: '2024-10-23T10:00:00+08:00' });
  try {
    await t.advanceTo('2024-10-23T10:00:01+08:00'); // the start-up reconcile (no cases yet) is over
    const cases = makeCaseRepository(t.system.clients.document, t.system.tableName);
    const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
    const reconcile = async () => {
      const t0 = performance.now();
      const result = (await tracker({ task: 'reconcile' }, { awsRequestId: 'bench-reconcile' })) as {
        started: number;
        recomputed: number;
      };
      await t.advanceTo(t.system.clock.now().toISOString()); // the started timelines have planned and sleep
      return { ms: performance.now() - t0, ...result };
    };
    const { applicant, information, delivery } = sampleApplication() as Pick<
      CaseRecord,
      'applicant' | 'information' | 'delivery'
    >;
    const now = t.system.clock.now();
    let written = 0;
    const rows: string[] = [];
    const served: Record<number, number> = {};
    for (const size of sizes) {
      const seedStart = performance.now();
      const toWrite = Array.from({ length: size - written }, (_, i) => written + i);
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < toWrite.length) {
            const n = toWrite[next++] as number;
            const agencyId = n % 2 ? 'xihua-county' : 'niedui-town';
            const draft: CaseRecord = {
              caseId: `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
              agencyId,
              receiptNumber: `${n % 2 ? 'XHX' : 'NDZ'}-2024-${String(900000 + n).padStart(6, '0')}`,
              version: 0,
              channel: 'online',
              applicant,
              information,
              delivery,
              receivedOn: '2024-10-08',
              trackingCodeHash: 'bench',
              events: [],
              createdAt: '2024-10-08T02:00:00.000Z',
              updatedAt: '2024-10-08T02:00:00.000Z',
            };
            const record = appendCaseEvent(
              draft,
              { type: 'received', on: '2024-10-08', channel: 'online' },
              'bench',
              now,
            );
            record.updatedAt = draft.updatedAt;
            await cases.create(record, deriveForStore(record, '2024-10-23'));
          }
        }),
      );
      written = size;
      const seedSeconds = (performance.now() - seedStart) / 1000;
      const first = await reconcile();
      const second = await reconcile();
      served[size] = second.ms;
      rows.push(
        `${size} open cases (${toWrite.length} written in ${seedSeconds.toFixed(0)} s): ` +
          `start pass ${(first.ms / 1000).toFixed(1)} s (${first.started} started), ` +
          `served pass ${(second.ms / 1000).toFixed(1)} s (${second.started} started) = ${(second.ms / size).toFixed(2)} ms/case`,
      );
      console.log(rows.at(-1));
    }
    const [smallest, largest] = [sizes[0] as number, sizes.at(-1) as number];
    const ratio = (served[largest] ?? 0) / (served[smallest] ?? 1);
    console.log(
      `served pass ${largest}/${smallest}: ${ratio.toFixed(1)}× for ${largest / smallest}× the cases (aim ≤ 25×)`,
    );
  } finally {
    await t.stop();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
