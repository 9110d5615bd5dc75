/**
 * The annual-report Lambda (年度报告, Art. 49–50; issues 6 and 16): the year data entry, report generation,
 * publication from 1 January of the next year and corrections as kept revisions (design.md §9 "Report lifecycle"),
 * the report in four formats (any revision), the public list of published reports, the roll-up over a set of
 * agencies (API, `handler`), and the January schedule that generates every agency's previous-year draft
 * (`scheduled`).
 */
import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { documentClient } from '../shared/aws/dynamodb';
import { containerS3 } from '../shared/aws/s3-on-demand';
import { config, publicBaseUrl } from '../shared/config';
import { calendarInForce } from '../shared/current-calendar';
import { makeCalendarRepository } from '../shared/store/calendar-repository';
// The annual-report domain file by file, not through its index: the index would bring the aggregation and the
// renderers, which this handler reads only when it builds a report (`aggregation` below; issue 17).
import type { ReportNotPublishableError } from '../shared/domain/annual-report/aggregate';
import { titleText } from '../shared/domain/annual-report/format';
import {
  asRevision,
  assertYearOver,
  CorrectionReasonMissingError,
  publishableFrom,
  publishedYearWarning,
  ReportYearNotOverError,
} from '../shared/domain/annual-report/lifecycle';
import { evidenceOf, renderJson } from '../shared/domain/annual-report/render-json';
import type { AnnualReport } from '../shared/domain/annual-report/types';
import { validateYearDataTotals, yearDataWarnings } from '../shared/domain/annual-report/year-data';
import { shanghaiDateOf } from '../shared/domain/local-date';
import {
  apiErrors,
  assertAgencyAccess,
  bodyLimit,
  HttpError,
  json,
  canSee,
  existingAgency,
  notFound,
  parseBody,
  parseInput,
  requireStaff,
  routeOf,
  optionalStaffPrincipal,
  ValidationFailedError,
  type StaffPrincipal,
} from '../shared/http/api';
import { labelled, oneOf, strictObject } from '../shared/http/validation';
import { log } from '../shared/log';
import { count } from '../shared/aws/metrics';
import { sendEmail } from '../shared/notify/send-email';
import { reportReady } from '../shared/notify/templates';
import { makeAgencyRepository, type Agency } from '../shared/store/agency-repository';
import { makeCaseRepository } from '../shared/store/case-repository';
import {
  makeReportRepository,
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  ReportPublishedError,
  ReportRevisionConflictError,
  type ReportFiles,
  type ReportFormat,
  type ReportStatusRecord,
  type ReportVersion,
} from '../shared/store/report-repository';
import { makeYearDataRepository } from '../shared/store/year-data-repository';
import { makeAppealRepository } from '../shared/store/appeal-repository';
import { systemClock } from '../shared/system-clock';
import {
  agencyYearParamsSchema,
  correctionBodySchema,
  CORRECTION_FIELD_LABELS,
  YEAR_DATA_FIELD_LABELS,
  yearDataSchema,
  type AgencyYearParams,
} from './schema';

const { tableName, bucketName } = config();
const calendars = makeCalendarRepository(documentClient, tableName);
const agencies = makeAgencyRepository(documentClient, tableName);
const cases = makeCaseRepository(documentClient, tableName);
const yearData = makeYearDataRepository(documentClient, tableName);
const appeals = makeAppealRepository(documentClient, tableName);
const reports = makeReportRepository(documentClient, tableName, containerS3, bucketName);

/**
 * The aggregation of cases into a report (with its checks, publication and roll-up) and the Markdown, HTML and Word
 * renderers are read when a report is built or rendered (generation, preview, publication, correction, roll-up),
 * not at a cold start that serves a status, the year data or a stored file: chunks of the bundle (issue 17).
 */
const aggregation = () => import('../shared/domain/annual-report/aggregate');

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const FORMAT_LABELS: Record<ReportFormat, string> = { json: 'JSON', md: 'Markdown', html: 'HTML', docx: 'Word' };
const formatField = z._default(oneOf('报告格式', REPORT_FORMATS, FORMAT_LABELS), 'json');

/** `?format=json|md|html|docx` (default json) and `?revision=N` (a published revision; default the current file). */
const reportQuerySchema = z.object({
  format: formatField,
  revision: z.optional(
    z.pipe(
      z.string({ error: labelled('版本') }).check(z.regex(/^[1-9]\d{0,3}$/, { error: '版本应为正整数（第几版）' })),
      z.transform(Number),
    ),
  ),
});

/** `GET /v1/reports?agencyId=`: one agency's published reports, or every agency's. */
const listReportsQuerySchema = z.object({ agencyId: z.optional(agencyYearParamsSchema.shape.agencyId) });

/** `GET /v1/rollups/{year}?agencies=a,b&format=`: the agencies (default: every agency the principal may see). */
const rollUpInputSchema = z.object({
  year: agencyYearParamsSchema.shape.year,
  agencies: z.pipe(
    z.optional(z.string()),
    z.transform((v: string | undefined) => [
      ...new Set(
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ]),
  ),
  format: formatField,
});

/** What EventBridge Scheduler (or the local cron) passes: the scheduled time. */
const scheduledEventSchema = strictObject('定时任务事件', {
  source: z.optional(z.string()),
  time: z.optional(z.iso.datetime({ offset: true })),
});

/** The steps of the per-agency job (issue 15, `AgencyJobs`): the plan, one agency's draft, the end. */
const reportJobEventSchema = z.discriminatedUnion('task', [
  z.object({
    task: z.literal('annual_report_agencies'),
    source: z.optional(z.string()),
    time: z.optional(z.iso.datetime({ offset: true })),
  }),
  z.object({
    task: z.literal('annual_report_agency'),
    agencyId: z.string().check(z.minLength(1)),
    year: z.number().check(z.int()),
  }),
  z.object({
    task: z.literal('annual_report_finish'),
    year: z.number().check(z.int()),
    results: z.array(z.unknown()),
  }),
]);
export type ScheduledEvent = z.input<typeof scheduledEventSchema>;

function agencyYear(event: APIGatewayProxyEvent): AgencyYearParams {
  return parseInput(agencyYearParamsSchema, {
    agencyId: event.pathParameters?.agencyId,
    year: event.pathParameters?.year,
  });
}

/** The staff principal allowed to act on the agency (401, 403), and the agency (404 first: an unknown agency is not "forbidden"). */
async function staffOfAgency(
  event: APIGatewayProxyEvent,
  agencyId: string,
): Promise<{ principal: StaffPrincipal; agency: Agency }> {
  const principal = requireStaff(event);
  const agency = await existingAgency(agencies, agencyId);
  assertAgencyAccess(principal, agencyId);
  return { principal, agency };
}

const reportPublished = (agencyId: string, year: number) =>
  new HttpError(
    409,
    'report_published',
    `${year}年度报告已发布，不能重新生成或再次发布。如需修改，请在年度报告页面填写更正说明并发布更正（第2版起，每一版都保留）。`,
    { agencyId, year },
  );

const today = () => shanghaiDateOf(systemClock.now().toISOString());

// ---------------------------------------------------------------------------------------------
// Generation (shared by the API and the schedule)
// ---------------------------------------------------------------------------------------------

/**
 * Builds the report of an agency-year from its cases (read through the year indexes), its tracked appeals and its
 * year data (section 四's figures there stand for appeals not tracked), checking
 * the carry-over against the previous year's latest published revision (never a draft: design.md §9), and 现行有效
 * against that revision or else the previous year's data.
 */
async function buildReport(agency: Agency, year: number): Promise<AnnualReport> {
  const { buildAnnualReport } = await aggregation();
  const [caseViews, trackedAppeals, entered, previous, previousEntered] = await Promise.all([
    cases.listForYear(agency.agencyId, year),
    appeals.listForYear(agency.agencyId, year),
    yearData.get(agency.agencyId, year),
    reports.getPublishedReport(agency.agencyId, year - 1),
    yearData.get(agency.agencyId, year - 1),
  ]);
  return buildAnnualReport({
    agency: { agencyId: agency.agencyId, name: agency.name },
    year,
    cases: caseViews,
    appeals: trackedAppeals,
    yearData: entered?.data,
    generatedAt: systemClock.now().toISOString(),
    ...(previous ? { previous } : {}),
    ...(previousEntered ? { previousYearData: previousEntered.data } : {}),
  });
}

/** The report rendered in the four formats. */
async function renderAll(report: AnnualReport): Promise<ReportFiles> {
  const [{ renderMarkdown }, { renderHtml }, { renderDocx }] = await Promise.all([
    import('../shared/domain/annual-report/render-markdown'),
    import('../shared/domain/annual-report/render-html'),
    import('../shared/files/report-docx'),
  ]);
  return {
    json: renderJson(report),
    md: renderMarkdown(report),
    html: renderHtml(report),
    docx: await renderDocx(report),
  };
}

/** Generates and stores the draft of an agency-year; `ReportPublishedError` once it is published. */
async function generateDraft(agency: Agency, year: number, by: string): Promise<AnnualReport> {
  const status = await reports.getStatus(agency.agencyId, year);
  if (status?.status === 'published') throw new ReportPublishedError(agency.agencyId, year);
  const report = await buildReport(agency, year);
  await reports.saveDraft(
    { agencyId: agency.agencyId, year, generatedAt: report.generatedAt, generatedBy: by },
    await renderAll(report),
    evidenceOf(report),
  );
  return report;
}

/** What the API answers about a generated or published report (with a link to its evidence). */
async function reportSummary(report: AnnualReport) {
  const version: ReportVersion = report.revision ? { revision: report.revision } : 'current';
  return {
    agencyId: report.agency.agencyId,
    year: report.year,
    status: report.status,
    generatedAt: report.generatedAt,
    ...(report.publishedAt ? { publishedAt: report.publishedAt } : {}),
    ...(report.revision ? { revision: report.revision } : {}),
    ...(report.corrections ? { corrections: report.corrections } : {}),
    publishable: report.publishable,
    publishableFrom: publishableFrom(report.year),
    checks: report.checks,
    files: REPORT_FORMATS.map((format) => `reports/${report.agency.agencyId}/${report.year}/report.${format}`),
    evidence: await reports.evidenceLink(report.agency.agencyId, report.year, version),
  };
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** A report file as an HTTP response: JSON, Markdown and HTML as text, Word as base64. */
function fileResponse(
  agencyId: string,
  year: number,
  format: ReportFormat,
  body: Uint8Array | string,
  cache: 'public' | 'private',
): APIGatewayProxyResult {
  const headers: Record<string, string> = {
    'content-type': REPORT_CONTENT_TYPES[format],
    'cache-control': cache === 'public' ? 'public, max-age=300' : 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (format === 'html')
    headers['content-security-policy'] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  if (format === 'docx') {
    headers['content-disposition'] = `attachment; filename="report-${agencyId}-${year}.docx"`;
    return { statusCode: 200, headers, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
  }
  return { statusCode: 200, headers, body: typeof body === 'string' ? body : Buffer.from(body).toString('utf8') };
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** `GET /v1/agencies/{agencyId}/years/{year}`: the year data entered so far (404 when none). */
async function getYearData(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  await staffOfAgency(event, agencyId);
  const record = await yearData.get(agencyId, year);
  if (!record) throw notFound('尚未填报该年度数据');
  return json(200, record);
}

/**
 * `PUT /v1/agencies/{agencyId}/years/{year}`: sections 二 and 四 and the narrative. 400 naming each bad field
 * (every 总计 of section 四 is checked against its parts). Accepted with `warnings` when 现行有效 does not add up
 * (until a reason is given) and when the year's report is published (it then needs a correction, design.md §9).
 */
async function putYearData(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { principal } = await staffOfAgency(event, agencyId);
  const data = parseBody(yearDataSchema, event, YEAR_DATA_FIELD_LABELS);
  const violations = validateYearDataTotals(data);
  if (violations.length > 0)
    throw new ValidationFailedError(
      `${violations[0]?.message ?? ''}（共${violations.length}处）`,
      violations.map((v) => ({ path: v.field, message: v.message })),
    );
  const now = systemClock.now().toISOString();
  const record = { agencyId, year, data, updatedAt: now, updatedBy: principal.sub };
  await yearData.put(record);
  const [previous, previousEntered] = await Promise.all([
    reports.getPublishedReport(agencyId, year - 1),
    yearData.get(agencyId, year - 1),
  ]);
  const published = await reports.markCorrectionNeeded(agencyId, year, now, `${now} 修改了年度数据`);
  const warnings = [
    ...(published ? [publishedYearWarning(year)] : []),
    ...yearDataWarnings(year, previous?.section2 ?? previousEntered?.data.activeDisclosure, data.activeDisclosure),
  ];
  return json(200, { ...record, ...(warnings.length > 0 ? { warnings } : {}) });
}

/** `POST /v1/agencies/{agencyId}/reports/{year}`: generates the draft now (201); 409 once published. */
async function generate(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { principal, agency } = await staffOfAgency(event, agencyId);
  const report = await generateDraft(agency, year, principal.sub);
  return json(201, await reportSummary(report));
}

/**
 * `POST /v1/agencies/{agencyId}/reports/{year}/publish`: from 1 January of the next year on (409 `year_not_over`
 * naming the date), regenerates the report from the current cases and year data and publishes it as revision 1 when
 * every check relation holds (422 listing the failed checks in words; no year data fails `yearData.entered`); 409
 * when it is published already (say to correct it instead).
 */
async function publish(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { principal, agency } = await staffOfAgency(event, agencyId);
  assertYearOver(year, today());
  if ((await reports.getStatus(agencyId, year))?.status === 'published') throw reportPublished(agencyId, year);
  const now = systemClock.now().toISOString();
  const { publishReport } = await aggregation();
  const published = asRevision(publishReport(await buildReport(agency, year), now), now);
  await reports.publish(
    { agencyId, year, generatedAt: published.generatedAt, publishedAt: now, publishedBy: principal.sub },
    await renderAll(published),
    evidenceOf(published),
  );
  log.info('annual report published', { agencyId, year, revision: 1 });
  return json(200, await reportSummary(published));
}

/**
 * `POST /v1/agencies/{agencyId}/reports/{year}/corrections` `{ reason }`: a corrected revision from today's cases
 * and year data, published at once with its 更正说明 (design.md §9); every revision is kept. 409 when the report is
 * not published yet (publish it instead) or another correction came first; 422 when a check fails.
 */
async function correct(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { principal, agency } = await staffOfAgency(event, agencyId);
  const { reason } = parseBody(correctionBodySchema, event, CORRECTION_FIELD_LABELS);
  const status = await reports.getStatus(agencyId, year);
  if (status?.status !== 'published')
    throw new HttpError(
      409,
      'report_not_published',
      `${year}年度报告尚未发布，无需更正：请修改年度数据后生成并发布报告。`,
      { agencyId, year },
    );
  const now = systemClock.now().toISOString();
  const latest = await reports.getReport(agencyId, year);
  const { publishReport } = await aggregation();
  const checked = publishReport(await buildReport(agency, year), now);
  const corrected = asRevision(
    checked,
    now,
    { revision: status.revision ?? 1, ...(latest?.corrections ? { corrections: latest.corrections } : {}) },
    reason,
  );
  await reports.correct(
    { agencyId, year, generatedAt: corrected.generatedAt, publishedAt: now, publishedBy: principal.sub, reason },
    status,
    await renderAll(corrected),
    evidenceOf(corrected),
  );
  log.info('annual report corrected', { agencyId, year, revision: corrected.revision });
  return json(201, await reportSummary(corrected));
}

/** The revisions as anyone may see them (who published is for staff only). */
function revisionsView(status: ReportStatusRecord, staff: boolean) {
  return (status.revisions ?? []).map(({ publishedBy, ...r }) => (staff ? { ...r, publishedBy } : r));
}

/**
 * `GET /v1/agencies/{agencyId}/reports/{year}/revisions`: every published revision with its date and 更正说明
 * (anyone, once published); staff also see a draft's status and whether the report needs a correction.
 */
async function getRevisions(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const staff = canSee(await optionalStaffPrincipal(event), agencyId);
  const status = await reports.getStatus(agencyId, year);
  if (!status || (!staff && status.status !== 'published')) throw notFound('该年度报告尚未生成或尚未发布');
  return json(200, {
    agencyId,
    year,
    status: status.status,
    ...(status.revision ? { revision: status.revision } : {}),
    revisions: revisionsView(status, staff),
    publishableFrom: publishableFrom(year),
    ...(staff && status.correctionNeeded ? { correctionNeeded: status.correctionNeeded } : {}),
  });
}

/**
 * `GET /v1/reports?agencyId=`: the published reports (public), every agency's or one's, newest year first, each
 * with its latest revision and the links to its files.
 */
async function listReports(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId } = parseInput(listReportsQuerySchema, event.queryStringParameters ?? {});
  const chosen = agencyId ? [await existingAgency(agencies, agencyId)] : await agencies.list();
  const lists = await Promise.all(
    chosen.map(async (agency) =>
      (await reports.listPublished(agency.agencyId)).map((status) => {
        const base = `/v1/agencies/${encodeURIComponent(agency.agencyId)}/reports/${status.year}`;
        return {
          agencyId: agency.agencyId,
          agencyName: agency.name,
          year: status.year,
          title: titleText({ agency, year: status.year }),
          revision: status.revision ?? 1,
          publishedAt: status.publishedAt,
          firstPublishedAt: status.revisions?.[0]?.publishedAt ?? status.publishedAt,
          corrected: (status.revision ?? 1) > 1,
          links: Object.fromEntries(REPORT_FORMATS.map((f) => [f, `${base}?format=${f}`])),
        };
      }),
    ),
  );
  const list = lists.flat().sort((a, b) => b.year - a.year || a.agencyName.localeCompare(b.agencyName, 'zh-CN'));
  return json(200, { reports: list }, { 'cache-control': 'public, max-age=60' });
}

/**
 * `GET /v1/agencies/{agencyId}/reports/{year}?format=&revision=`: the agency's staff get the stored report (draft
 * or published, with a link to its evidence in JSON); anyone else only once it is published (the latest revision,
 * with its 更正说明), otherwise 404. `revision=N` gives a kept published revision.
 */
async function getReport(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { format, revision } = parseInput(reportQuerySchema, event.queryStringParameters ?? {});
  const staff = canSee(await optionalStaffPrincipal(event), agencyId);
  const status = await reports.getStatus(agencyId, year);
  if (!status || (!staff && status.status !== 'published')) throw notFound('该年度报告尚未生成或尚未发布');
  const version: ReportVersion = revision ? { revision } : 'current';
  const file = await reports.getFile(agencyId, year, format, version);
  if (!file)
    throw notFound(
      revision ? `该年度报告没有第${revision}版（已发布${status.revision ?? 0}版）` : '该年度报告尚未生成或尚未发布',
    );
  const cache = status.status === 'published' && !staff ? 'public' : 'private';
  if (format === 'json' && staff) {
    const report = JSON.parse(Buffer.from(file.body).toString('utf8')) as AnnualReport;
    const evidenceVersion: ReportVersion = revision
      ? version
      : report.revision
        ? { revision: report.revision }
        : 'current';
    const evidence = await reports.evidenceLink(agencyId, year, evidenceVersion);
    return fileResponse(agencyId, year, format, `${JSON.stringify({ ...report, evidence }, null, 2)}\n`, cache);
  }
  return fileResponse(agencyId, year, format, file.body, cache);
}

/**
 * `GET /v1/rollups/{year}?agencies=a,b&format=`: the report summed over a set of agencies (a county's), listing
 * them. Each agency contributes its published report, or else its report built now from its current data.
 * Only agencies the principal may see (403 otherwise; an administrator any); default: all of those.
 */
async function getRollUp(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const principal = requireStaff(event);
  const input = parseInput(rollUpInputSchema, { ...event.queryStringParameters, year: event.pathParameters?.year });
  const all = await agencies.list();
  const chosen =
    input.agencies.length > 0
      ? input.agencies.map((id) => {
          const agency = all.find((a) => a.agencyId === id);
          if (!agency) throw notFound(`机构不存在：${id}`);
          assertAgencyAccess(principal, id);
          return agency;
        })
      : all.filter((a) => canSee(principal, a.agencyId));
  if (chosen.length === 0) throw notFound('没有可汇总的机关');
  const parts = await Promise.all(
    chosen.map(async (agency) => {
      const stored = await reports.getPublishedReport(agency.agencyId, input.year);
      return stored ?? buildReport(agency, input.year);
    }),
  );
  const { rollUp } = await aggregation();
  const report = rollUp(parts, {
    agencyId: 'rollup',
    name:
      chosen.length === 1
        ? `${chosen[0]?.name ?? ''}（汇总）`
        : `${chosen[0]?.name ?? ''}等${chosen.length}个机关（汇总）`,
    generatedAt: systemClock.now().toISOString(),
  });
  const files = await renderAll(report);
  return fileResponse('rollup', input.year, input.format, files[input.format], 'private');
}

type Route = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

const ROUTES: Record<string, Route> = {
  'GET /v1/agencies/{agencyId}/years/{year}': getYearData,
  'PUT /v1/agencies/{agencyId}/years/{year}': putYearData,
  'POST /v1/agencies/{agencyId}/reports/{year}': generate,
  'POST /v1/agencies/{agencyId}/reports/{year}/publish': publish,
  'POST /v1/agencies/{agencyId}/reports/{year}/corrections': correct,
  'GET /v1/agencies/{agencyId}/reports/{year}/revisions': getRevisions,
  'GET /v1/agencies/{agencyId}/reports/{year}': getReport,
  'GET /v1/reports': listReports,
  'GET /v1/rollups/{year}': getRollUp,
};

/** `ReportNotPublishableError`, recognised by name: its class lives in the aggregation chunk, read on first use. */
const isNotPublishable = (error: unknown): error is ReportNotPublishableError =>
  error instanceof Error && error.name === 'ReportNotPublishableError';

/**
 * The report domain's errors as HTTP errors, each naming its reason in Chinese (design.md §9): 409 published, year
 * not over, revision raced; 422 failed checks; 400 a correction without its reason. Anything else unchanged.
 */
function asHttpError(error: unknown): unknown {
  if (error instanceof ReportPublishedError) return reportPublished(error.agencyId, error.year);
  if (error instanceof ReportYearNotOverError)
    return new HttpError(409, 'year_not_over', error.message, { year: error.year, publishableFrom: error.from });
  if (error instanceof ReportRevisionConflictError)
    return new HttpError(409, 'revision_conflict', error.message, { year: error.year });
  if (error instanceof CorrectionReasonMissingError)
    return new ValidationFailedError(error.message, [{ path: 'reason', message: error.message }]);
  if (isNotPublishable(error))
    return new HttpError(422, 'report_not_publishable', error.message, {
      failedChecks: error.failedChecks.map(({ name, relation, details }) => ({ name, relation, details })),
    });
  return error;
}

/** The annual-report API (routes of `lib/api-routes.ts` with fn `annual-report`). */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(observed())
  .use(apiErrors())
  .use(calendarInForce(calendars))
  .use(bodyLimit())
  .handler(async (event) => {
    const route = routeOf(ROUTES, event);
    try {
      return await route(event);
    } catch (error) {
      throw asHttpError(error);
    }
  });

// ---------------------------------------------------------------------------------------------
// Schedule
// ---------------------------------------------------------------------------------------------

/** The report year a scheduled run at `time` generates: the Shanghai year of `time` minus 1 (Art. 49–50). */
export function previousYearOf(time: string): number {
  return Number(shanghaiDateOf(new Date(time).toISOString()).slice(0, 4)) - 1;
}

/**
 * One agency's January draft: the previous year's report generated unless already published, and the agency's OGI
 * office emailed that it is ready (once per agency-year: the email is claimed first, so a retried step does not send
 * it twice). Throws when it fails (the job's step is retried).
 */
async function draftFor(agency: Agency, year: number): Promise<'generated' | 'skipped'> {
  if ((await reports.getStatus(agency.agencyId, year))?.status === 'published') return 'skipped';
  try {
    await generateDraft(agency, year, 'scheduler');
  } catch (error) {
    if (error instanceof ReportPublishedError) return 'skipped';
    throw error;
  }
  if (await reports.claimReadyNotice(agency.agencyId, year, systemClock.now().toISOString())) {
    try {
      await sendEmail({
        to: agency.officeEmail,
        kind: 'report_ready',
        content: reportReady({ agencyName: agency.name, agencyId: agency.agencyId, year, baseUrl: publicBaseUrl() }),
      });
    } catch (error) {
      await reports.releaseReadyNotice(agency.agencyId, year);
      throw error;
    }
  }
  return 'generated';
}

type ScheduledResult = { year: number; generated: string[]; skipped: string[] };
/** Every step answers with its year (the plan, an agency's draft, the end). */
type ScheduledOutput = { year: number } & Record<string, unknown>;

/** The per-agency job's steps (in AWS the January schedule starts the job: issue 15). */
async function reportJobStep(event: z.output<typeof reportJobEventSchema>): Promise<ScheduledOutput> {
  switch (event.task) {
    case 'annual_report_agencies': {
      const year = previousYearOf(event.time ?? systemClock.now().toISOString());
      const items = (await agencies.list()).map((a) => ({
        task: 'annual_report_agency' as const,
        agencyId: a.agencyId,
        year,
      }));
      return { task: 'annual_report_finish' as const, year, items };
    }
    case 'annual_report_agency': {
      const agency = await agencies.get(event.agencyId);
      return {
        agencyId: event.agencyId,
        year: event.year,
        outcome: agency ? await draftFor(agency, event.year) : 'skipped',
      };
    }
    case 'annual_report_finish': {
      const done = event.results.filter(
        (r): r is { agencyId: string; outcome: string } => typeof r === 'object' && r !== null && 'outcome' in r,
      );
      const failed = event.results.filter(
        (r): r is { agencyId: string; error: unknown } => typeof r === 'object' && r !== null && 'error' in r,
      );
      const result: ScheduledResult = {
        year: event.year,
        generated: done.filter((r) => r.outcome === 'generated').map((r) => r.agencyId),
        skipped: done.filter((r) => r.outcome === 'skipped').map((r) => r.agencyId),
      };
      log.info('annual report drafts generated', { ...result, failed: failed.map((f) => f.agencyId) });
      if (failed.length > 0) {
        count('Failures', { operation: 'annual-report' }, failed.length);
        throw new Error(
          `Annual report drafts failed for ${failed.map((f) => f.agencyId).join(', ')} (year ${event.year})`,
        );
      }
      return { ...result };
    }
  }
}

/**
 * Early on 2 January, every agency's previous-year draft. In AWS the schedule starts the per-agency job (each
 * agency a retried step of a Map state, the `task` events); the local cron calls this with the schedule's event and
 * it does the same steps in one invocation, agency after agency. Every agency is tried; the run throws at the end if
 * any failed.
 */
export const scheduled = middy<ScheduledEvent | z.input<typeof reportJobEventSchema>, ScheduledOutput>()
  .use(observed())
  .handler(async (rawEvent) => {
    if (rawEvent && typeof rawEvent === 'object' && 'task' in rawEvent)
      return reportJobStep(reportJobEventSchema.parse(rawEvent));
    const event = scheduledEventSchema.parse(rawEvent);
    const year = previousYearOf(event.time ?? systemClock.now().toISOString());
    const generated: string[] = [];
    const skipped: string[] = [];
    const failed: { agencyId: string; error: string }[] = [];
    for (const agency of await agencies.list()) {
      try {
        const outcome = await draftFor(agency, year);
        (outcome === 'generated' ? generated : skipped).push(agency.agencyId);
      } catch (error) {
        failed.push({ agencyId: agency.agencyId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    log.info('annual report drafts generated', { year, generated, skipped, failed });
    if (failed.length > 0)
      throw new Error(`Annual report drafts failed for ${failed.map((f) => f.agencyId).join(', ')} (year ${year})`);
    const result: ScheduledResult = { year, generated, skipped };
    return { ...result };
  });
