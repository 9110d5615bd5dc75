/**
 * The administration API (design.md §9, admin only): agencies and their settings, and the yearly State Council
 * holiday notices that make the working-day calendar. Every route answers 401 without sign-in and 403 to staff
 * who are not in `gongkai-admin`.
 */
import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { documentClient } from '../shared/aws/dynamodb';
import { startAgencyJob } from '../shared/agency-jobs';
import { count } from '../shared/aws/metrics';
import { config } from '../shared/config';
import { calendarInForce, refreshCalendar } from '../shared/current-calendar';
import { checkYearNotice } from '../shared/domain/calendar-notice';
import { HOLIDAY_SCHEDULES } from '../shared/domain/holiday-schedules';
import { fromDayNumber, toDayNumber } from '../shared/domain/local-date';
import { log } from '../shared/log';
import {
  apiErrors,
  bodyLimit,
  HttpError,
  json,
  parseBody,
  parseInput,
  requireAdmin,
  routeOf,
  ValidationFailedError,
  type StaffPrincipal,
} from '../shared/http/api';
import { makeAgencyRepository } from '../shared/store/agency-repository';
import { CalendarVersionConflictError, makeCalendarRepository } from '../shared/store/calendar-repository';
import { makeRecomputeRepository } from '../shared/store/recompute-repository';
import { systemClock } from '../shared/system-clock';
import { saveAgency } from './agencies';
import { CALENDAR_FIELD_LABELS, calendarNoticeSchema, calendarYearSchema, recomputeQuerySchema } from './schema';

const { tableName } = config();
const agencies = makeAgencyRepository(documentClient, tableName);
const recomputes = makeRecomputeRepository(documentClient, tableName);
const calendars = makeCalendarRepository(documentClient, tableName);

/** `PUT /v1/admin/agencies/{agencyId}`: creates (201) or changes (200) an agency. */
async function putAgency(event: APIGatewayProxyEvent, principal: StaffPrincipal): Promise<APIGatewayProxyResult> {
  const { agency, created } = await saveAgency(
    agencies,
    { agencyId: event.pathParameters?.agencyId, body: event.body },
    principal.sub,
    systemClock.now(),
  );
  return json(created ? 201 : 200, agency);
}

/** Every date of a built-in year's schedule, in the shape of an entered notice. */
const builtInYears = () =>
  HOLIDAY_SCHEDULES.map((s) => ({
    year: s.year,
    noticeNumber: s.notice.documentNumber,
    publishedOn: s.notice.publishedOn,
    holidays: s.holidays.flatMap((p) => {
      const days: string[] = [];
      for (let d = toDayNumber(p.from); d <= toDayNumber(p.to); d += 1) days.push(fromDayNumber(d));
      return days;
    }),
    workdays: s.makeUpWorkdays.map((m) => m.date),
    source: 'built_in' as const,
  }));

/** `GET /v1/admin/calendars`: every year with a notice (built in or entered; an entered year replaces a built-in one). */
async function listCalendars(): Promise<APIGatewayProxyResult> {
  const entered = await calendars.list();
  const enteredYears = new Set(entered.map((n) => n.year));
  const years = [
    ...builtInYears().filter((y) => !enteredYears.has(y.year)),
    ...entered.map((n) => ({ ...n, source: 'entered' as const })),
  ].sort((a, b) => a.year - b.year);
  return json(200, { years });
}

/**
 * The version a new notice of `year` is compared with: the latest earlier one whose recompute was started (a version
 * whose recompute never started left the cases as they were); 0 when none (the built-in or provisional year).
 */
async function recomputedBefore(year: number, version: number): Promise<number> {
  for (let earlier = version - 1; earlier >= 1; earlier -= 1)
    if ((await recomputes.get(year, earlier))?.status !== 'not_started') return earlier;
  return 0;
}

/** Where the console follows a recompute. */
const recomputePath = (year: number, version: number) => `/v1/admin/calendars/${year}/recompute?version=${version}`;

/**
 * `PUT /v1/admin/calendars/{year}`: stores the next version of a year's notice (400 naming each refused day), puts
 * the new calendar in force and queues the recompute of every open case it touches (deadlines, timelines,
 * provisional marks): a job per agency outside the request (issue 15), done within seconds. Answers the stored
 * notice and `recompute` (queued, with where to follow it: the cases that moved are listed there).
 */
async function putCalendar(event: APIGatewayProxyEvent, principal: StaffPrincipal): Promise<APIGatewayProxyResult> {
  const { year } = parseInput(calendarYearSchema, { year: event.pathParameters?.year }, CALENDAR_FIELD_LABELS);
  const body = parseBody(calendarNoticeSchema, event, CALENDAR_FIELD_LABELS);
  const notice = { year, ...body };
  const problems = checkYearNotice(notice);
  if (problems.length > 0)
    throw new ValidationFailedError(
      `${problems[0]?.message ?? ''}（共${problems.length}处）`,
      problems.map((p) => ({ path: p.field, message: p.message })),
    );
  const now = systemClock.now();
  let stored;
  try {
    stored = await calendars.put(notice, principal.sub, now.toISOString());
  } catch (error) {
    if (error instanceof CalendarVersionConflictError) throw new HttpError(409, 'version_conflict', error.message);
    throw error;
  }
  await refreshCalendar(calendars);
  const change = { year, version: stored.version, previousVersion: await recomputedBefore(year, stored.version) };
  await recomputes.queued(change, now.toISOString());
  try {
    await startAgencyJob(`calendar-${year}-v${stored.version}`, { task: 'calendar_recompute_agencies', ...change });
  } catch (error) {
    await recomputes.notStarted(year, stored.version);
    log.error('calendar recompute not started', { ...change, error: String(error) });
    count('Failures', { operation: 'calendar-recompute' });
    throw new HttpError(
      503,
      'recompute_not_started',
      `${year} 年节假日安排已保存（第 ${stored.version} 版），但办理中申请的期限未能开始重新计算，请稍后再保存一次`,
      { version: stored.version },
    );
  }
  return json(200, {
    calendar: { ...stored, source: 'entered' },
    recompute: { status: 'queued', ...change, statusPath: recomputePath(year, stored.version) },
  });
}

/**
 * `GET /v1/admin/calendars/{year}/recompute?version=` (default: the year's current version): where the recompute
 * after that notice stands — queued, running, done or failed, agencies done — and the open cases that moved.
 */
async function getRecompute(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { year } = parseInput(calendarYearSchema, { year: event.pathParameters?.year }, CALENDAR_FIELD_LABELS);
  const { version } = parseInput(
    recomputeQuerySchema,
    { version: event.queryStringParameters?.version },
    CALENDAR_FIELD_LABELS,
  );
  const current = version ?? (await calendars.get(year))?.version;
  const status = current === undefined ? undefined : await recomputes.get(year, current);
  if (!status) throw new HttpError(404, 'not_found', `${year} 年节假日安排没有重新计算的记录`);
  return json(200, status);
}

type Route = (event: APIGatewayProxyEvent, principal: StaffPrincipal) => Promise<APIGatewayProxyResult>;
const routes: Record<string, Route> = {
  'GET /v1/admin/agencies': async () => json(200, { agencies: await agencies.listStored() }),
  'PUT /v1/admin/agencies/{agencyId}': putAgency,
  'GET /v1/admin/calendars': listCalendars,
  'PUT /v1/admin/calendars/{year}': putCalendar,
  'GET /v1/admin/calendars/{year}/recompute': getRecompute,
};

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(observed())
  .use(apiErrors())
  .use(bodyLimit())
  .use(calendarInForce(calendars))
  .handler(async (event) => routeOf(routes, event)(event, requireAdmin(event)));
