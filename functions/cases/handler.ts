import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { documentClient } from '../shared/aws/dynamodb';
import { containerS3 } from '../shared/aws/s3-on-demand';
import { registrationReceiptHtml } from '../shared/case-file/documents';
import { makeCaseFiles } from '../shared/files/case-files';
import { makeCaseFileRoutes } from '../shared/http/case-file-routes';
import {
  APPEAL_CORRECTION_FIELD_LABELS,
  APPEAL_FIELD_LABELS,
  APPEAL_RESULT_FIELD_LABELS,
  makeAppealCorrectionSchema,
  makeAppealResultSchema,
  makeAppealSchema,
} from './appeal-schema';
import { makeAppealRepository } from '../shared/store/appeal-repository';
import { makeCaseFileRepository } from '../shared/store/case-file-repository';
import { makeOutboxRepository } from '../shared/store/outbox-repository';
import { statusLink } from '../shared/notify/format';
import { applyEvent, registerApplication, staffView } from '../shared/case-service';
import { clockOf } from '../shared/case-workflow';
import { caseFilesBucketName, config, publicBaseUrl } from '../shared/config';
import { calendarInForce } from '../shared/current-calendar';
import { makeCalendarRepository } from '../shared/store/calendar-repository';
import {
  apiErrors,
  assertAgencyAccess,
  bodyLimit,
  agencyNamedInBody,
  canSee,
  isAdmin,
  isHead,
  existingAgency,
  routeOf,
  json,
  notFound,
  parseBody,
  parseInput,
  pathParam,
  requireStaff,
  type StaffPrincipal,
  HttpError,
  ValidationFailedError,
} from '../shared/http/api';
import { makeAgencyRepository } from '../shared/store/agency-repository';
import { InvalidCursorError, makeCaseRepository, VersionConflictError } from '../shared/store/case-repository';
import { makeReportStatusRepository } from '../shared/store/report-status-repository';
import { datesOf, publishedYearWarnings } from '../shared/published-year';
import { workListPage } from '../shared/desk/work-list';
import { possibleDuplicatesIfFound, possibleDuplicatesOf } from '../shared/desk/duplicates';
import { makeReceiptRepository } from '../shared/store/receipt-repository';
import { voidView } from '../shared/receipt-ledger';
import { LEDGER_CONTENT_TYPES } from '../shared/files/ledger-file';
import { makeAuditRepository } from '../shared/store/audit-repository';
import { allowedActions, applyDeskAction, isDeskAction, needsHead } from '../shared/desk/desk-actions';
import { shanghaiDate, systemClock } from '../shared/system-clock';
import {
  ATTACHMENT_FIELD_LABELS,
  makeDocumentFormatSchema,
  makeStaffAttachmentSchema,
  CASE_ACTION_FIELD_LABELS,
  DEFAULT_PAGE_SIZE,
  LIST_CASES_FIELD_LABELS,
  makeListCasesQuerySchema,
  RECEIPT_VOIDS_FIELD_LABELS,
  makeReceiptVoidsQuerySchema,
  makeCaseActionSchema,
  makeRegisterCaseSchema,
  REGISTER_CASE_FIELD_LABELS,
} from './schema';

const { tableName } = config();
const calendars = makeCalendarRepository(documentClient, tableName);
const cases = makeCaseRepository(documentClient, tableName);
const agencies = makeAgencyRepository(documentClient, tableName);
const audit = makeAuditRepository(documentClient, tableName);
const reportStatuses = makeReportStatusRepository(documentClient, tableName);
const caseFiles = {
  files: makeCaseFileRepository(documentClient, tableName),
  storage: makeCaseFiles(containerS3, caseFilesBucketName()),
};
const receipts = makeReceiptRepository(documentClient, tableName);
const deps = {
  cases,
  get baseUrl() {
    return publicBaseUrl();
  },
  receipts,
  caseFiles,
};

/** `{ warnings }` when the act is dated into a year whose report is published (design.md §9), else nothing. */
async function warningsOf(agencyId: string, dates: readonly string[], note: string, now: Date) {
  const warnings = await publishedYearWarnings(reportStatuses, {
    agencyId,
    dates,
    note,
    today: shanghaiDate(now),
    at: now.toISOString(),
  });
  return warnings.length > 0 ? { warnings } : {};
}

const today = () => shanghaiDate(systemClock.now());

/** The case, if the principal's agency handles it: 404 when absent, 403 for another agency's. */
async function caseFor(principal: StaffPrincipal, caseId: string) {
  const record = await cases.get(caseId);
  if (!record) throw notFound('案件不存在');
  assertAgencyAccess(principal, record.agencyId);
  return record;
}

const agencyOf = (agencyId: string) => existingAgency(agencies, agencyId);

/** POST /v1/cases — an application received in person, by post or fax, with its receipt date (Art. 31). */
async function register(event: APIGatewayProxyEvent, principal: StaffPrincipal): Promise<APIGatewayProxyResult> {
  const now = systemClock.now();
  const body = parseBody(makeRegisterCaseSchema(shanghaiDate(now)), event, REGISTER_CASE_FIELD_LABELS);
  assertAgencyAccess(principal, body.agencyId);
  const agency = await agencyNamedInBody(agencies, body.agencyId);
  const result = await registerApplication(deps, {
    agency,
    channel: body.channel,
    receivedOn: body.receivedOn,
    applicant: body.applicant,
    information: body.information,
    delivery: body.delivery,
    actor: principal.sub,
    now,
  });
  if (!result.created) throw new Error('registration without client token cannot be a replay');
  const note = `${result.record.receiptNumber} 登记（收到日期 ${body.receivedOn}）`;
  // The 登记回执 handed to a paper applicant: the stored receipt plus the tracking code, shown this once.
  const receipt = result.documents.find((d) => d.kind === 'receipt');
  return json(201, {
    ...staffView(result.record, shanghaiDate(now)),
    // Earlier applications of the same applicant with a similar description (重复申请): staff only.
    ...(await possibleDuplicatesIfFound(cases, result.record)),
    trackingCode: result.trackingCode,
    ...(await warningsOf(agency.agencyId, [body.receivedOn], note, now)),
    ...(receipt
      ? {
          receipt: {
            documentId: receipt.documentId,
            number: receipt.number,
            html: await registrationReceiptHtml(result.record, agency, receipt, {
              trackingCode: result.trackingCode,
              statusUrl: statusLink(publicBaseUrl(), result.record.receiptNumber),
            }),
          },
        }
      : {}),
  });
}

/**
 * GET /v1/cases — the work list, one page (`{ cases, nextCursor }`, design.md §9 "Paging"): the agency's open
 * cases soonest deadline first, filtered by status, overdue, assignee (`me` is the signed-in officer),
 * deadline, or a search text; the closed list latest first.
 */
async function list(event: APIGatewayProxyEvent, principal: StaffPrincipal): Promise<APIGatewayProxyResult> {
  const query = parseInput(makeListCasesQuerySchema(), event.queryStringParameters ?? {}, LIST_CASES_FIELD_LABELS);
  const agency = await agencyOf(query.agencyId); // 404 for an agency that does not exist, before 403 for another's
  assertAgencyAccess(principal, query.agencyId);
  if (query.year !== undefined && query.format) {
    const now = systemClock.now();
    // The ledger export (rows, Excel or CSV) is a chunk of the bundle, read with the first export (issue 17).
    const { exportLedger } = await import('../shared/desk/ledger-export');
    const { file } = await exportLedger(
      { cases, audit, receipts },
      {
        agencyId: agency.agencyId,
        agencyName: agency.name,
        year: query.year,
        format: query.format,
        actor: principal.sub,
        now,
        today: shanghaiDate(now),
      },
    );
    return {
      statusCode: 200,
      headers: {
        'content-type': LEDGER_CONTENT_TYPES[query.format],
        'content-disposition': `attachment; filename="ledger-${agency.agencyId}-${query.year}.${query.format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: file.toString('base64'),
      isBase64Encoded: true,
    };
  }
  try {
    const page = await workListPage(
      cases,
      {
        ...query,
        receiptPrefix: agency.receiptPrefix,
        assignee: query.assignee === 'me' ? principal.sub : query.assignee,
        overdue: query.overdue === 'true',
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      },
      today(),
    );
    return json(200, page);
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw new ValidationFailedError(error.message, [{ path: 'cursor', message: error.message }]);
    throw error;
  }
}

/** POST /v1/cases/{caseId}/actions — one staff action as the next version (409 stale, 422 against the law). */
async function act(event: APIGatewayProxyEvent, principal: StaffPrincipal): Promise<APIGatewayProxyResult> {
  const record = await caseFor(principal, pathParam(event, 'caseId'));
  const now = systemClock.now();
  const action = parseBody(makeCaseActionSchema(shanghaiDate(now)), event, CASE_ACTION_FIELD_LABELS);
  if (action.expectedVersion !== record.version) throw new VersionConflictError(record.caseId, record.version);
  const { expectedVersion, ...staffAction } = action;
  const agency = await agencyOf(record.agencyId);
  if (isDeskAction(staffAction)) {
    // Design.md §9 Roles: only the head of the agency's OGI office decides on an extension.
    if (needsHead(staffAction) && !isHead(principal, record.agencyId))
      throw new HttpError(403, 'forbidden', '只有信息公开工作机构负责人可以审批延期');
    const next = await applyDeskAction(deps, {
      record,
      agency,
      expectedVersion,
      action: staffAction,
      actor: principal.sub,
      now,
    });
    return json(200, staffView(next, shanghaiDate(now)));
  }
  const next = await applyEvent(deps, {
    record,
    agency,
    expectedVersion,
    action: staffAction,
    actor: principal.sub,
    now,
  });
  const dates = datesOf(staffAction);
  const note = `${record.receiptNumber} ${staffAction.type}（${dates.join('、')}）`;
  return json(200, { ...staffView(next, shanghaiDate(now)), ...(await warningsOf(record.agencyId, dates, note, now)) });
}

const caseFileRoutes = makeCaseFileRoutes(caseFiles, makeOutboxRepository(documentClient, tableName), agencyOf, () =>
  systemClock.now(),
);

// Appeals (复议诉讼) of a case, each its own item (design.md §9 "The desk: Appeals"): their routes are a chunk of the
// bundle, read with the first appeal request of a container (issue 17).
let appealRoutesMade: Promise<ReturnType<typeof import('../shared/http/appeal-routes').makeAppealRoutes>> | undefined;
const appealRoutes = () =>
  (appealRoutesMade ??= import('../shared/http/appeal-routes').then(({ makeAppealRoutes }) =>
    makeAppealRoutes(
      { appeals: makeAppealRepository(documentClient, tableName), statuses: reportStatuses, tokens: cases, audit },
      () => systemClock.now(),
    ),
  ));

type Route = (event: APIGatewayProxyEvent, principal: StaffPrincipal) => Promise<APIGatewayProxyResult>;
const routes: Record<string, Route> = {
  'POST /v1/cases': register,
  'GET /v1/cases': list,
  'GET /v1/cases/{caseId}': async (event, principal) => {
    const record = await caseFor(principal, pathParam(event, 'caseId'));
    const day = today();
    return json(200, {
      ...staffView(record, day),
      provisional: clockOf(record, day).provisional,
      allowedActions: allowedActions(record, day, isHead(principal, record.agencyId)),
      possibleDuplicates: await possibleDuplicatesOf(cases, record),
    });
  },
  'POST /v1/cases/{caseId}/actions': act,
  // The receipt numbers of a year that never became a case, each with its reason (issue #10).
  'GET /v1/agencies/{agencyId}/receipt-voids': async (event, principal) => {
    const agencyId = pathParam(event, 'agencyId');
    assertAgencyAccess(principal, agencyId);
    await agencyOf(agencyId);
    const { year } = parseInput(
      makeReceiptVoidsQuerySchema(),
      event.queryStringParameters ?? {},
      RECEIPT_VOIDS_FIELD_LABELS,
    );
    const [counters, voids] = await Promise.all([receipts.counters(agencyId), receipts.listVoids(agencyId, year)]);
    // `drawn`: the last number drawn in the year; every number up to it is a case or one of `voids`.
    const drawn = counters.find((c) => c.year === year)?.last ?? 0;
    return json(200, { agencyId, year, drawn, voids: voids.map(voidView) });
  },
  'GET /v1/cases/{caseId}/documents': async (event, principal) =>
    caseFileRoutes.listDocuments(await caseFor(principal, pathParam(event, 'caseId')), 'staff'),
  'GET /v1/cases/{caseId}/documents/{documentId}': async (event, principal) => {
    const record = await caseFor(principal, pathParam(event, 'caseId'));
    const { format } = parseInput(makeDocumentFormatSchema(), event.queryStringParameters ?? {});
    return caseFileRoutes.getDocument(record, pathParam(event, 'documentId'), format ?? 'docx', 'staff');
  },
  'POST /v1/cases/{caseId}/attachments': async (event, principal) => {
    const record = await caseFor(principal, pathParam(event, 'caseId'));
    return caseFileRoutes.announce(
      record,
      parseBody(makeStaffAttachmentSchema(), event, ATTACHMENT_FIELD_LABELS),
      'staff',
    );
  },
  'GET /v1/cases/{caseId}/attachments': async (event, principal) =>
    caseFileRoutes.listAttachments(await caseFor(principal, pathParam(event, 'caseId')), 'staff'),
  'GET /v1/cases/{caseId}/attachments/{attachmentId}': async (event, principal) =>
    caseFileRoutes.download(
      await caseFor(principal, pathParam(event, 'caseId')),
      pathParam(event, 'attachmentId'),
      'staff',
    ),
  'POST /v1/cases/{caseId}/attachments/{attachmentId}/complete': async (event, principal) =>
    caseFileRoutes.complete(
      await caseFor(principal, pathParam(event, 'caseId')),
      pathParam(event, 'attachmentId'),
      'staff',
    ),
  'GET /v1/cases/{caseId}/appeals': async (event, principal) =>
    (await appealRoutes()).list(await caseFor(principal, pathParam(event, 'caseId'))),
  'POST /v1/cases/{caseId}/appeals': async (event, principal) => {
    const record = await caseFor(principal, pathParam(event, 'caseId'));
    const body = parseBody(makeAppealSchema(today()), event, APPEAL_FIELD_LABELS);
    return (await appealRoutes()).file(record, body, principal.sub);
  },
  'POST /v1/cases/{caseId}/appeals/{appealId}/result': async (event, principal) => {
    const record = await caseFor(principal, pathParam(event, 'caseId'));
    const body = parseBody(makeAppealResultSchema(today()), event, APPEAL_RESULT_FIELD_LABELS);
    return (await appealRoutes()).result(record, pathParam(event, 'appealId'), body, principal.sub);
  },
  // Correcting a wrongly recorded appeal (issue #14): with its reason, audited, warnings for published years.
  'POST /v1/cases/{caseId}/appeals/{appealId}/correction': async (event, principal) => {
    const record = await caseFor(principal, pathParam(event, 'caseId'));
    const body = parseBody(makeAppealCorrectionSchema(today()), event, APPEAL_CORRECTION_FIELD_LABELS);
    return (await appealRoutes()).correct(record, pathParam(event, 'appealId'), body, principal.sub);
  },
  'GET /v1/me': async (_event, principal) =>
    json(200, {
      sub: principal.sub,
      admin: isAdmin(principal),
      agencies: (await agencies.list())
        .filter((a) => canSee(principal, a.agencyId))
        .map(({ agencyId, name }) => ({ agencyId, name, head: isHead(principal, agencyId) })),
    }),
};

/** The staff API: registration, the work list, a case with its deadlines, and the actions on it. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(observed())
  .use(apiErrors())
  .use(calendarInForce(calendars))
  .use(bodyLimit())
  .handler(async (event) => {
    return routeOf(routes, event)(event, requireStaff(event));
  });
