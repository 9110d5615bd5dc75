import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../shared/aws/dynamodb';
import { applicantView, applyEvent, registerApplication } from '../shared/case-service';
import { clockOf } from '../shared/case-workflow';
import { config } from '../shared/config';
import { calendarInForce } from '../shared/current-calendar';
import { makeCalendarRepository } from '../shared/store/calendar-repository';
import {
  apiErrors,
  bodyLimit,
  agencyNamedInBody,
  existingAgency,
  HttpError,
  routeOf,
  json,
  notFound,
  parseBody,
  parseInput,
  pathParam,
} from '../shared/http/api';
import { makeAgencyRepository } from '../shared/store/agency-repository';
import { makeCaseRepository, type CaseRecord } from '../shared/store/case-repository';
import { shanghaiDate, systemClock } from '../shared/system-clock';
import { trackingCodeMatches } from '../shared/tracking-code';
import { formatChineseDate } from '../shared/notify/templates';
import { submitRequestSchema, SUBMIT_REQUEST_FIELD_LABELS, supplementSchema, SUPPLEMENT_FIELD_LABELS } from './schema';

const { tableName, publicBaseUrl } = config();
const calendars = makeCalendarRepository(documentClient, tableName);
const cases = makeCaseRepository(documentClient, tableName);
const agencies = makeAgencyRepository(documentClient, tableName);
const deps = { cases, baseUrl: publicBaseUrl };

const codeQuerySchema = z
  .object({ code: z.string({ error: '请提供查询码（code）' }).min(1, '请提供查询码（code）').max(64) })
  .loose();
const NOT_FOUND_MESSAGE = '受理编号或查询码不正确';

/** The applicant's own case: the receipt number and a tracking code whose hash matches; one answer for both failures. */
async function applicantCase(event: APIGatewayProxyEvent): Promise<CaseRecord> {
  const { code } = parseInput(codeQuerySchema, event.queryStringParameters ?? {}, { code: '查询码' });
  const record = await cases.findByReceiptNumber(pathParam(event, 'receiptNumber'));
  if (!record || !trackingCodeMatches(code, record.trackingCodeHash)) throw notFound(NOT_FOUND_MESSAGE);
  return record;
}

const agencyOf = (agencyId: string) => existingAgency(agencies, agencyId);

/** POST /v1/requests — an online application; received (Art. 31) the day the system confirms it, in Beijing time. */
async function submit(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const body = parseBody(submitRequestSchema, event, SUBMIT_REQUEST_FIELD_LABELS);
  const agency = await agencyNamedInBody(agencies, body.agencyId);
  const now = systemClock.now();
  const result = await registerApplication(deps, {
    agency,
    channel: 'online',
    receivedOn: shanghaiDate(now),
    applicant: body.applicant,
    information: body.information,
    delivery: body.delivery,
    ...(body.clientToken ? { clientToken: body.clientToken } : {}),
    actor: 'applicant',
    now,
  });
  const clock = clockOf(result.record, shanghaiDate(now));
  const answer = {
    caseId: result.record.caseId,
    receiptNumber: result.record.receiptNumber,
    agencyName: agency.name,
    receivedOn: result.record.receivedOn,
    replyDue: clock.replyDue?.due,
    supplementNoticeDue: clock.supplementNoticeDue.due,
    provisional: clock.provisional,
  };
  // A retry with the same clientToken returns the same case; the tracking code (stored only as a hash)
  // went out in the first answer and in the acknowledgement email.
  return result.created
    ? json(201, { ...answer, trackingCode: result.trackingCode })
    : json(200, { ...answer, trackingCodeSentByEmail: true });
}

/**
 * POST /v1/requests/{receiptNumber}/supplement — the applicant supplements (Art. 30: the clock restarts that day).
 * After the period's last day the public route refuses (Art. 30: the application is deemed abandoned) and says
 * whom to contact: only staff may accept a late supplement, with its good reason recorded.
 */
async function supplement(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const record = await applicantCase(event);
  const body = parseBody(supplementSchema, event, SUPPLEMENT_FIELD_LABELS);
  const agency = await agencyOf(record.agencyId);
  const now = systemClock.now();
  const clock = clockOf(record, shanghaiDate(now));
  if (clock.supplementLapsed && clock.supplementDue) {
    const contact = [agency.phone && `电话 ${agency.phone}`, agency.officeEmail && `邮箱 ${agency.officeEmail}`]
      .filter(Boolean)
      .join('，');
    throw new HttpError(
      422,
      'supplement_period_ended',
      `补正期限已于 ${formatChineseDate(clock.supplementDue.due)}（${clock.supplementDue.due}）届满，无法在线补正（《中华人民共和国政府信息公开条例》第三十条）。如有正当理由逾期，请联系${agency.name}政府信息公开工作机构${contact ? `（${contact}）` : ''}。`,
      { supplementDue: clock.supplementDue.due, rule: 'Art. 30' },
    );
  }
  const next = await applyEvent(deps, {
    record,
    agency,
    expectedVersion: record.version,
    action: { type: 'supplement_received' },
    actor: 'applicant',
    now,
    supplementText: body,
  });
  return json(200, applicantView(next, agency, shanghaiDate(now)));
}

const routes: Record<string, (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>> = {
  'POST /v1/requests': submit,
  'GET /v1/agencies': async () =>
    json(
      200,
      (await agencies.list()).map(({ agencyId, name }) => ({ agencyId, name })),
    ),
  'GET /v1/requests/{receiptNumber}': async (event) => {
    const record = await applicantCase(event);
    return json(200, applicantView(record, await agencyOf(record.agencyId), shanghaiDate(systemClock.now())));
  },
  'POST /v1/requests/{receiptNumber}/supplement': supplement,
};

/** The public API: applications, the applicant's status and supplement, the list of agencies. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(apiErrors())
  .use(calendarInForce(calendars))
  .use(bodyLimit())
  .handler(async (event) => {
    return routeOf(routes, event)(event);
  });
