/**
 * Benchmark (issue 6, acceptance 5): the annual report of one agency-year with 100,000 cases in the local
 * DynamoDB (dynalite), against a bare paginated read of the same items through the same indexes in the same run.
 *
 *   (a) bare read: `listForYear`'s three index queries (same key conditions, filter and projection), pages only;
 *   (b) full build: `listForYear` + `buildAnnualReport` + the four renderers (JSON, Markdown, HTML, Word).
 *
 * Seeds the agency and the cases (items built by the case repository itself, written with BatchWriteItem), runs
 * each 3 times, prints the times and the ratio (aim: at most 2×).
 *
 *   npx tsx bench/report.ts [--cases N] [--runs N]
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  buildAnnualReport,
  emptyYearData,
  renderHtml,
  renderJson,
  renderMarkdown,
} from '../functions/shared/domain/annual-report';
import type { LocalDate } from '../functions/shared/domain/model';
import { renderDocx } from '../functions/shared/files/report-docx';
import { makeAgencyRepository } from '../functions/shared/store/agency-repository';
import { makeCaseRepository } from '../functions/shared/store/case-repository';
import { startLocalSystem } from '../local/runtime';
import { prng } from './prng';
import { AGENCY, batchWrite, itemBuilder, makeCase } from './seed';

const YEAR = 2024;
const TODAY: LocalDate = '2025-01-05';

/** (a) The bare read: `listForYear`'s three index queries, every page, nothing built from them. */
async function bareRead(client: DynamoDBDocumentClient, tableName: string, agencyId: string, year: number) {
  const queries: ConstructorParameters<typeof QueryCommand>[0][] = [
    {
      TableName: tableName,
      IndexName: 'byReceived',
      KeyConditionExpression: 'caseAgencyId = :a AND receivedKey BETWEEN :f AND :t',
      ExpressionAttributeValues: { ':a': agencyId, ':f': `${year}-01-01`, ':t': `${year}-12-31~` },
      ProjectionExpression: 'reportView',
    },
    {
      TableName: tableName,
      IndexName: 'byClosed',
      KeyConditionExpression: 'closedAgencyId = :a AND closedKey >= :f',
      FilterExpression: 'reportView.receivedOn <= :end',
      ExpressionAttributeValues: { ':a': agencyId, ':f': `${year}-01-01`, ':end': `${year}-12-31` },
      ProjectionExpression: 'reportView',
    },
    {
      TableName: tableName,
      IndexName: 'openByDue',
      KeyConditionExpression: 'openAgencyId = :a',
      ExpressionAttributeValues: { ':a': agencyId },
      ProjectionExpression: 'caseId, listView',
    },
  ];
  const counts = await Promise.all(
    queries.map(async (input) => {
      let count = 0;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
        count += page.Items?.length ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } },
  });
  const caseCount = Number(values.cases);
  const runs = Number(values.runs);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-report-'));
  const system = await startLocalSystem({ dataDir, background: false });
  try {
    const client = system.clients.document;
    await makeAgencyRepository(client, system.tableName).createIfAbsent(AGENCY);

    // Seed.
    const random = prng(20240101);
    const build = itemBuilder(system.tableName, TODAY);
    const items: Record<string, unknown>[] = [];
    for (let i = 1; i <= caseCount; i += 1) items.push(await build(makeCase(i, random, TODAY)));
    const seeded = await timed(() => batchWrite(client, system.tableName, items, 8));
    console.log(`seeded ${caseCount} cases in ${(seeded.ms / 1000).toFixed(1)} s`);

    // Measure, alternating so both see the same conditions.
    const cases = makeCaseRepository(client, system.tableName);
    const bare: number[] = [];
    const full: number[] = [];
    let rows = 0;
    let sizes = '';
    for (let run = 1; run <= runs; run += 1) {
      const a = await timed(() => bareRead(client, system.tableName, AGENCY.agencyId, YEAR));
      const b = await timed(async () => {
        const views = await cases.listForYear(AGENCY.agencyId, YEAR);
        const report = buildAnnualReport({
          agency: { agencyId: AGENCY.agencyId, name: AGENCY.name },
          year: YEAR,
          cases: views,
          yearData: emptyYearData(),
          generatedAt: new Date().toISOString(),
        });
        const files = [renderJson(report), renderMarkdown(report), renderHtml(report), await renderDocx(report)];
        return { views: views.length, report, sizes: files.map((f) => f.length) };
      });
      bare.push(a.ms);
      full.push(b.ms);
      rows = a.value;
      sizes = `json ${b.value.sizes[0]} B, md ${b.value.sizes[1]} B, html ${b.value.sizes[2]} B, docx ${b.value.sizes[3]} B`;
      const total = b.value.report.section3.rows.find((r) => r.key === 'newlyReceived')?.values.total ?? 0;
      console.log(
        `run ${run}: bare read ${a.ms.toFixed(0)} ms (${a.value} index items), ` +
          `full report ${b.ms.toFixed(0)} ms (${b.value.views} cases, 本年新收 ${total}), ratio ${(b.ms / a.ms).toFixed(2)}×`,
      );
    }
    const ratio = median(full) / median(bare);
    console.log(`files: ${sizes}`);
    console.log(
      JSON.stringify({
        bench: 'report',
        cases: caseCount,
        indexItems: rows,
        bareReadMs: Math.round(median(bare)),
        fullReportMs: Math.round(median(full)),
        ratio: Number(ratio.toFixed(2)),
        aim: 2,
        withinAim: ratio <= 2,
      }),
    );
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
