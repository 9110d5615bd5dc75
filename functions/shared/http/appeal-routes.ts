import type { APIGatewayProxyResult } from 'aws-lambda';
import { clockOf } from '../case-workflow';
import type { AppealKind, AppealResult } from '../domain/appeals';
import type { AppealCorrection } from '../domain/appeal-correction';
import type { LocalDate } from '../domain/model';
import {
  AppealTokenMismatchError,
  appealView,
  correctAppeal,
  fileAppeal,
  recordAppealResult,
  type AppealCase,
  type AppealDeps,
  type AppealTokenField,
} from '../desk/appeals';
import type { CaseRecord } from '../store/case-repository';
import { shanghaiDate } from '../system-clock';
import { HttpError, json } from './api';

/** The fields an appeal's client token compares, as the 409 names them (functions/cases/appeal-schema.ts). */
const APPEAL_TOKEN_FIELD_LABELS: Readonly<Record<AppealTokenField, string>> = {
  kind: '复议诉讼类型',
  forum: '复议机关或人民法院',
  filedOn: '提起日期',
};

/**
 * The appeals routes of the staff API (design.md §9 "The desk: Appeals"), for a case the caller may see:
 * `GET /v1/cases/{caseId}/appeals` (list, oldest filing first), `POST …/appeals` → 201 `{ appealId, appeal,
 * warnings? }` (200 for a retry with the same `clientToken`, 409 naming the field for another body), `POST …/appeals/{appealId}/result` → 200 `{ appeal, warnings? }`,
 * `POST …/appeals/{appealId}/correction` → 200 `{ appeal, warnings? }`. The handler validates the bodies
 * (functions/cases/appeal-schema.ts).
 */
export function makeAppealRoutes(deps: AppealDeps, now: () => Date) {
  /** The case as the appeal rules see it on `today`: receipt, close and whether the reply was on time. */
  function caseFileOf(record: CaseRecord, today: string): AppealCase {
    const clock = clockOf(record, today);
    return {
      caseId: record.caseId,
      agencyId: record.agencyId,
      receiptNumber: record.receiptNumber,
      receivedOn: clock.receivedOn,
      closedOn: clock.closedOn,
      repliedOnTime: clock.repliedOnTime,
    };
  }
  const withWarnings = (warnings: readonly unknown[]) => (warnings.length > 0 ? { warnings } : {});

  return {
    async list(record: CaseRecord): Promise<APIGatewayProxyResult> {
      const appeals = await deps.appeals.listForCase(record.agencyId, record.caseId);
      return json(200, appeals.map(appealView));
    },

    /** 201 for a new appeal; 200 with the same appeal for a retry with the same `clientToken` and body. */
    async file(
      record: CaseRecord,
      body: { kind: AppealKind; forum: string; filedOn: LocalDate; clientToken?: string | undefined },
      actor: string,
    ): Promise<APIGatewayProxyResult> {
      const at = now();
      const { clientToken, ...filing } = body;
      const { appeal, warnings, replayed } = await fileAppeal(deps, {
        caseFile: caseFileOf(record, shanghaiDate(at)),
        appeal: filing,
        ...(clientToken ? { clientToken } : {}),
        actor,
        now: at,
      }).catch((error: unknown) => {
        if (!(error instanceof AppealTokenMismatchError)) throw error;
        const label = APPEAL_TOKEN_FIELD_LABELS[error.field];
        const message = `请求令牌（clientToken）已用于另一项复议诉讼登记：${label}与首次提交的不同。如要登记新的复议诉讼，请使用新的请求令牌`;
        throw new HttpError(409, 'client_token_reused', message, { fields: [{ path: error.field, message }] });
      });
      return json(replayed ? 200 : 201, {
        appealId: appeal.appealId,
        appeal: appealView(appeal),
        ...withWarnings(warnings),
      });
    },

    async result(
      record: CaseRecord,
      appealId: string,
      body: { result: AppealResult; decidedOn: LocalDate },
      actor: string,
    ): Promise<APIGatewayProxyResult> {
      const at = now();
      const { appeal, warnings } = await recordAppealResult(deps, {
        caseFile: caseFileOf(record, shanghaiDate(at)),
        appealId,
        outcome: body,
        actor,
        now: at,
      });
      return json(200, { appeal: appealView(appeal), ...withWarnings(warnings) });
    },

    /** `POST …/appeals/{appealId}/correction` → 200 `{ appeal, warnings? }` (issue #14). */
    async correct(
      record: CaseRecord,
      appealId: string,
      body: AppealCorrection & { reason: string },
      actor: string,
    ): Promise<APIGatewayProxyResult> {
      const at = now();
      const { reason, ...correction } = body;
      const { appeal, warnings } = await correctAppeal(deps, {
        caseFile: caseFileOf(record, shanghaiDate(at)),
        appealId,
        correction,
        reason,
        actor,
        now: at,
      });
      return json(200, { appeal: appealView(appeal), ...withWarnings(warnings) });
    },
  };
}
export type AppealRoutes = ReturnType<typeof makeAppealRoutes>;
