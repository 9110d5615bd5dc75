import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { documentClient } from '../shared/aws/dynamodb';
import { containerS3 } from '../shared/aws/s3-on-demand';
import { makeCaseFiles } from '../shared/files/case-files';
import { makeCaseFileRoutes } from '../shared/http/case-file-routes';
import { makeCaseFileRepository } from '../shared/store/case-file-repository';
import { makeOutboxRepository } from '../shared/store/outbox-repository';
import { ATTACHMENT_FIELD_LABELS, makeApplicantAttachmentSchema, makeDocumentFormatSchema } from '../cases/schema';
import { applicantView, applyEvent, registerApplication } from '../shared/case-service';
import { clockOf } from '../shared/case-workflow';
import { caseFilesBucketName, config, publicBaseUrl } from '../shared/config';
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
import { cachedByKey } from '../shared/store/settings-cache';
import { makeCaseRepository, type CaseRecord } from '../shared/store/case-repository';
import { makeReceiptRepository } from '../shared/store/receipt-repository';
import { ClientTokenMismatchError } from '../shared/client-token';
import { normalizeReceiptNumber } from '../shared/receipt-ledger';
import { caseScope, noticeStatus } from '../shared/notify/outbox';
import { maskEmail } from '../shared/privacy';
import { shanghaiDate, systemClock } from '../shared/system-clock';
import { trackingCodeMatches } from '../shared/tracking-code';
import { formatChineseDate } from '../shared/notify/format';
import {
  makeSubmitRequestSchema,
  makeSupplementSchema,
  SUBMIT_REQUEST_FIELD_LABELS,
  SUPPLEMENT_FIELD_LABELS,
} from './schema';

const { tableName } = config();
const cases = makeCaseRepository(documentClient, tableName);
// The public path reads the agency and the holiday notices through short-lived caches (settings-cache.ts).
const storedCalendars = makeCalendarRepository(documentClient, tableName);
const calendarList = cachedByKey(() => storedCalendars.list());
const calendars = { list: () => calendarList('') };
const storedAgencies = makeAgencyRepository(documentClient, tableName);
const agencies = { get: cachedByKey((agencyId) => storedAgencies.get(agencyId)), list: () => storedAgencies.list() };
const caseFiles = {
  files: makeCaseFileRepository(documentClient, tableName),
  storage: makeCaseFiles(containerS3, caseFilesBucketName()),
};
const deps = {
  cases,
  get baseUrl() {
    return publicBaseUrl();
  },
  receipts: makeReceiptRepository(documentClient, tableName),
  caseFiles,
};

const codeQuerySchema = z.looseObject({
  code: z.string({ error: '请提供查询码（code）' }).check(z.minLength(1, '请提供查询码（code）'), z.maxLength(64)),
});
const NOT_FOUND_MESSAGE = '受理编号或查询码不正确';

/** The applicant's own case: the receipt number and a tracking code whose hash matches; one answer for both failures. */
async function applicantCase(event: APIGatewayProxyEvent): Promise<CaseRecord> {
  const { code } = parseInput(codeQuerySchema, event.queryStringParameters ?? {}, { code: '查询码' });
  const record = await cases.findByReceiptNumber(normalizeReceiptNumber(pathParam(event, 'receiptNumber')));
  if (!record || !trackingCodeMatches(code, record.trackingCodeHash)) throw notFound(NOT_FOUND_MESSAGE);
  return record;
}

const agencyOf = (agencyId: string) => existingAgency(agencies, agencyId);

/** POST /v1/requests — an online application; received (Art. 31) the day the system confirms it, in Beijing time. */
async function submit(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const body = parseBody(makeSubmitRequestSchema(), event, SUBMIT_REQUEST_FIELD_LABELS);
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
    documentsAfterAnswer: true,
  }).catch((error: unknown) => {
    if (!(error instanceof ClientTokenMismatchError)) throw error;
    const label = SUBMIT_REQUEST_FIELD_LABELS[error.field];
    const message = `请求令牌（clientToken）已用于另一份申请：${label}与首次提交的不同。如要提交新的申请，请使用新的请求令牌`;
    throw new HttpError(409, 'client_token_reused', message, { fields: [{ path: error.field, message }] });
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
  if (result.created) return json(201, { ...answer, trackingCode: result.trackingCode });
  // A retry with the same clientToken: the same case. The tracking code (stored only as a hash) was in the
  // first answer; say truthfully whether the acknowledgement carrying it went, or is going, by email.
  return json(200, { ...answer, ...(await trackingCodeWhereabouts(result.record)) });
}

/** Where the tracking code of a replayed submission went, as the acknowledgement's outbox state says. */
async function trackingCodeWhereabouts(record: CaseRecord) {
  const status = await noticeStatus(caseScope(record.caseId), 'acknowledgement');
  const to = status.to ? maskEmail(status.to) : undefined;
  switch (status.state) {
    case 'sent':
      return {
        trackingCodeSentByEmail: true,
        trackingCodeDelivery: 'sent',
        trackingCodeNote: `查询码已随受理回执发送至 ${to}，请查收邮件`,
      };
    case 'queued':
      return {
        trackingCodeSentByEmail: true,
        trackingCodeDelivery: 'queued',
        trackingCodeNote: `受理回执（含查询码）正在发送至 ${to}，请稍后查收邮件`,
      };
    default:
      return {
        trackingCodeSentByEmail: false,
        trackingCodeDelivery: status.state === 'failed' ? 'failed' : 'none',
        trackingCodeNote:
          status.state === 'failed'
            ? `受理回执未能发送至 ${to}；查询码仅在首次提交时显示，请凭受理编号联系受理机关`
            : '查询码仅在首次提交时显示，未通过电子邮件发送；请凭受理编号联系受理机关',
      };
  }
}

/**
 * POST /v1/requests/{receiptNumber}/supplement — the applicant supplements (Art. 30: the clock restarts that day).
 * After the period's last day the public route refuses (Art. 30: the application is deemed abandoned) and says
 * whom to contact: only staff may accept a late supplement, with its good reason recorded.
 */
async function supplement(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const record = await applicantCase(event);
  const body = parseBody(makeSupplementSchema(), event, SUPPLEMENT_FIELD_LABELS);
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

const caseFileRoutes = makeCaseFileRoutes(caseFiles, makeOutboxRepository(documentClient, tableName), agencyOf, () =>
  systemClock.now(),
);

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
  'GET /v1/requests/{receiptNumber}/documents': async (event) =>
    caseFileRoutes.listDocuments(await applicantCase(event), 'applicant'),
  'GET /v1/requests/{receiptNumber}/documents/{documentId}': async (event) => {
    const record = await applicantCase(event);
    const { format } = parseInput(makeDocumentFormatSchema(), event.queryStringParameters ?? {});
    return caseFileRoutes.getDocument(record, pathParam(event, 'documentId'), format ?? 'docx', 'applicant');
  },
  'POST /v1/requests/{receiptNumber}/attachments': async (event) => {
    const record = await applicantCase(event);
    return caseFileRoutes.announce(
      record,
      parseBody(makeApplicantAttachmentSchema(), event, ATTACHMENT_FIELD_LABELS),
      'applicant',
    );
  },
  'GET /v1/requests/{receiptNumber}/attachments': async (event) =>
    caseFileRoutes.listAttachments(await applicantCase(event), 'applicant'),
  'GET /v1/requests/{receiptNumber}/attachments/{attachmentId}': async (event) =>
    caseFileRoutes.download(await applicantCase(event), pathParam(event, 'attachmentId'), 'applicant'),
  'POST /v1/requests/{receiptNumber}/attachments/{attachmentId}/complete': async (event) =>
    caseFileRoutes.complete(await applicantCase(event), pathParam(event, 'attachmentId'), 'applicant'),
};

/** The public API: applications, the applicant's status and supplement, the list of agencies. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(observed())
  .use(apiErrors())
  .use(calendarInForce(calendars))
  .use(bodyLimit())
  .handler(async (event) => {
    return routeOf(routes, event)(event);
  });
