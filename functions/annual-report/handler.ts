/**
 * The annual-report Lambda (年度报告, Art. 49–50; issue 6): the year data entry, report generation and
 * publication, the report in four formats, the roll-up over a set of agencies (API, `handler`), and the
 * January schedule that generates every agency's previous-year draft (`scheduled`).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../shared/aws/dynamodb';
import { s3Client } from '../shared/aws/s3';
import { config } from '../shared/config';
import { calendarInForce } from '../shared/current-calendar';
import { makeCalendarRepository } from '../shared/store/calendar-repository';
import {
  buildAnnualReport,
  publishReport,
  renderHtml,
  renderJson,
  renderMarkdown,
  rollUp,
  validateYearDataTotals,
  ReportNotPublishableError,
  type AnnualReport,
} from '../shared/domain/annual-report';
import { shanghaiDateOf } from '../shared/domain/local-date';
import {
  apiErrors,
  assertAgencyAccess,
  bodyLimit,
  HttpError,
  json,
  canSee,
  notFound,
  parseBody,
  parseInput,
  requireStaff,
  routeOf,
  optionalStaffPrincipal,
  ValidationFailedError,
  type StaffPrincipal,
} from '../shared/http/api';
import { oneOf, strictObject } from '../shared/http/validation';
import { log } from '../shared/log';
import { sendEmail } from '../shared/notify/send-email';
import { reportReady } from '../shared/notify/templates';
import { renderDocx } from '../shared/files/report-docx';
import { makeAgencyRepository, type Agency } from '../shared/store/agency-repository';
import { makeCaseRepository } from '../shared/store/case-repository';
import {
  makeReportRepository,
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  ReportPublishedError,
  type ReportFiles,
  type ReportFormat,
} from '../shared/store/report-repository';
import { makeYearDataRepository } from '../shared/store/year-data-repository';
import { systemClock } from '../shared/system-clock';
import { agencyYearParamsSchema, YEAR_DATA_FIELD_LABELS, yearDataSchema, type AgencyYearParams } from './schema';

const { tableName, bucketName, publicBaseUrl } = config();
const calendars = makeCalendarRepository(documentClient, tableName);
const agencies = makeAgencyRepository(documentClient, tableName);
const cases = makeCaseRepository(documentClient, tableName);
const yearData = makeYearDataRepository(documentClient, tableName);
const reports = makeReportRepository(documentClient, tableName, s3Client, bucketName);

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const FORMAT_LABELS: Record<ReportFormat, string> = { json: 'JSON', md: 'Markdown', html: 'HTML', docx: 'Word' };
const formatField = oneOf('报告格式', REPORT_FORMATS, FORMAT_LABELS).default('json');

/** `?format=json|md|html|docx` (default json). */
const reportQuerySchema = z.object({ format: formatField });

/** `GET /v1/rollups/{year}?agencies=a,b&format=`: the agencies (default: every agency the principal may see). */
const rollUpInputSchema = z.object({
  year: agencyYearParamsSchema.shape.year,
  agencies: z
    .string()
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ]),
  format: formatField,
});

/** What EventBridge Scheduler (or the local cron) passes: the scheduled time. */
const scheduledEventSchema = strictObject('定时任务事件', {
  source: z.string().optional(),
  time: z.iso.datetime({ offset: true }).optional(),
});
export type ScheduledEvent = z.input<typeof scheduledEventSchema>;

function agencyYear(event: APIGatewayProxyEvent): AgencyYearParams {
  return parseInput(agencyYearParamsSchema, {
    agencyId: event.pathParameters?.agencyId,
    year: event.pathParameters?.year,
  });
}

/** The agency, or 404. */
async function agencyOrNotFound(agencyId: string): Promise<Agency> {
  const agency = await agencies.get(agencyId);
  if (!agency) throw notFound('找不到该机关');
  return agency;
}

/** The staff principal allowed to act on the agency (401, 403), and the agency (404). */
async function staffOfAgency(
  event: APIGatewayProxyEvent,
  agencyId: string,
): Promise<{ principal: StaffPrincipal; agency: Agency }> {
  const principal = requireStaff(event);
  assertAgencyAccess(principal, agencyId);
  return { principal, agency: await agencyOrNotFound(agencyId) };
}

const reportPublished = (agencyId: string, year: number) =>
  new HttpError(409, 'report_published', `${year} 年度报告已发布，不能重新生成或修改`, { agencyId, year });

// ---------------------------------------------------------------------------------------------
// Generation (shared by the API and the schedule)
// ---------------------------------------------------------------------------------------------

/**
 * Builds the report of an agency-year from its cases (read through the year indexes) and its year data, checking
 * the carry-over against the previous year's stored report when there is one.
 */
async function buildReport(agency: Agency, year: number): Promise<AnnualReport> {
  const [caseViews, entered, previous] = await Promise.all([
    cases.listForYear(agency.agencyId, year),
    yearData.get(agency.agencyId, year),
    reports.getReport(agency.agencyId, year - 1),
  ]);
  return buildAnnualReport({
    agency: { agencyId: agency.agencyId, name: agency.name },
    year,
    cases: caseViews,
    yearData: entered?.data,
    generatedAt: systemClock.now().toISOString(),
    ...(previous ? { previous } : {}),
  });
}

/** The report rendered in the four formats. */
async function renderAll(report: AnnualReport): Promise<ReportFiles> {
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
  );
  return report;
}

/** What the API answers about a generated or published report. */
function reportSummary(report: AnnualReport) {
  return {
    agencyId: report.agency.agencyId,
    year: report.year,
    status: report.status,
    generatedAt: report.generatedAt,
    ...(report.publishedAt ? { publishedAt: report.publishedAt } : {}),
    publishable: report.publishable,
    checks: report.checks,
    files: REPORT_FORMATS.map((format) => `reports/${report.agency.agencyId}/${report.year}/report.${format}`),
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
 * (every 总计 of section 四 is checked against its parts); 409 once the year's report is published.
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
  if ((await reports.getStatus(agencyId, year))?.status === 'published') throw reportPublished(agencyId, year);
  const record = { agencyId, year, data, updatedAt: systemClock.now().toISOString(), updatedBy: principal.sub };
  await yearData.put(record);
  return json(200, record);
}

/** `POST /v1/agencies/{agencyId}/reports/{year}`: generates the draft now (201); 409 once published. */
async function generate(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { principal, agency } = await staffOfAgency(event, agencyId);
  const report = await generateDraft(agency, year, principal.sub);
  return json(201, reportSummary(report));
}

/**
 * `POST /v1/agencies/{agencyId}/reports/{year}/publish`: regenerates the report from the current cases and year
 * data and publishes it when every check relation holds (422 listing the failed checks otherwise; no year data
 * fails the `yearData.entered` check); 409 when it is published already.
 */
async function publish(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { principal, agency } = await staffOfAgency(event, agencyId);
  if ((await reports.getStatus(agencyId, year))?.status === 'published') throw reportPublished(agencyId, year);
  const draft = await buildReport(agency, year);
  const published = publishReport(draft, systemClock.now().toISOString());
  await reports.publish(
    {
      agencyId,
      year,
      generatedAt: published.generatedAt,
      publishedAt: published.publishedAt ?? published.generatedAt,
      publishedBy: principal.sub,
    },
    await renderAll(published),
  );
  log.info('annual report published', { agencyId, year });
  return json(200, reportSummary(published));
}

/**
 * `GET /v1/agencies/{agencyId}/reports/{year}?format=`: the agency's staff get the stored report (draft or
 * published); anyone else only once it is published, otherwise 404.
 */
async function getReport(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { agencyId, year } = agencyYear(event);
  const { format } = parseInput(reportQuerySchema, event.queryStringParameters ?? {});
  const staff = canSee(await optionalStaffPrincipal(event), agencyId);
  const status = await reports.getStatus(agencyId, year);
  if (!status || (!staff && status.status !== 'published')) throw notFound('该年度报告尚未生成或尚未发布');
  const file = await reports.getFile(agencyId, year, format);
  if (!file) throw notFound('该年度报告尚未生成或尚未发布');
  return fileResponse(
    agencyId,
    year,
    format,
    file.body,
    status.status === 'published' && !staff ? 'public' : 'private',
  );
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
          if (!agency) throw notFound(`找不到机关 ${id}`);
          assertAgencyAccess(principal, id);
          return agency;
        })
      : all.filter((a) => canSee(principal, a.agencyId));
  if (chosen.length === 0) throw notFound('没有可汇总的机关');
  const parts = await Promise.all(
    chosen.map(async (agency) => {
      const status = await reports.getStatus(agency.agencyId, input.year);
      const stored = status?.status === 'published' ? await reports.getReport(agency.agencyId, input.year) : undefined;
      return stored ?? buildReport(agency, input.year);
    }),
  );
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
  'GET /v1/agencies/{agencyId}/reports/{year}': getReport,
  'GET /v1/rollups/{year}': getRollUp,
};

/** The report domain's errors as HTTP errors (409 published, 422 failed checks); anything else unchanged. */
function asHttpError(error: unknown): unknown {
  if (error instanceof ReportPublishedError) return reportPublished(error.agencyId, error.year);
  if (error instanceof ReportNotPublishableError)
    return new HttpError(422, 'report_not_publishable', error.message, {
      failedChecks: error.failedChecks.map(({ name, relation, details }) => ({ name, relation, details })),
    });
  return error;
}

/** The annual-report API (routes of `lib/api-routes.ts` with fn `annual-report`). */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
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
 * EventBridge Scheduler (and the local cron), early on 2 January: for every agency, generates the previous year's
 * draft unless it is already published, and emails the agency's OGI office that it is ready (once per agency-year:
 * the email is claimed first, so a retried run does not send it twice). Every agency is tried; the run throws at
 * the end if any failed, so the scheduler's retry policy applies.
 */
export const scheduled = middy<ScheduledEvent, { year: number; generated: string[]; skipped: string[] }>().handler(
  async (rawEvent) => {
    const event = scheduledEventSchema.parse(rawEvent);
    const year = previousYearOf(event.time ?? systemClock.now().toISOString());
    const generated: string[] = [];
    const skipped: string[] = [];
    const failed: { agencyId: string; error: string }[] = [];
    for (const agency of await agencies.list()) {
      try {
        if ((await reports.getStatus(agency.agencyId, year))?.status === 'published') {
          skipped.push(agency.agencyId);
          continue;
        }
        await generateDraft(agency, year, 'scheduler');
        if (await reports.claimReadyNotice(agency.agencyId, year, systemClock.now().toISOString())) {
          try {
            await sendEmail({
              to: agency.officeEmail,
              kind: 'report_ready',
              content: reportReady({
                agencyName: agency.name,
                agencyId: agency.agencyId,
                year,
                baseUrl: publicBaseUrl,
              }),
            });
          } catch (error) {
            await reports.releaseReadyNotice(agency.agencyId, year);
            throw error;
          }
        }
        generated.push(agency.agencyId);
      } catch (error) {
        if (error instanceof ReportPublishedError) {
          skipped.push(agency.agencyId);
          continue;
        }
        failed.push({ agencyId: agency.agencyId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    log.info('annual report drafts generated', { year, generated, skipped, failed });
    if (failed.length > 0)
      throw new Error(`Annual report drafts failed for ${failed.map((f) => f.agencyId).join(', ')} (year ${year})`);
    return { year, generated, skipped };
  },
);
