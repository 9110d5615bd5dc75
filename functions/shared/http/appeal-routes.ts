import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  APPEAL_FIELD_LABELS,
  APPEAL_RESULT_FIELD_LABELS,
  makeAppealResultSchema,
  makeAppealSchema,
} from '../../cases/appeal-schema';
import { clockOf } from '../case-workflow';
import { appealView, fileAppeal, recordAppealResult, type AppealCase, type AppealDeps } from '../desk/appeals';
import type { CaseRecord } from '../store/case-repository';
import { shanghaiDate } from '../system-clock';
import { json, parseBody } from './api';

/**
 * The appeals routes of the staff API (design.md §9 "The desk: Appeals"), for a case the caller may see:
 * `GET /v1/cases/{caseId}/appeals` (list, oldest filing first), `POST …/appeals` → 201 `{ appealId, appeal,
 * warnings? }`, `POST …/appeals/{appealId}/result` → 200 `{ appeal, warnings? }`.
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

    async file(record: CaseRecord, event: APIGatewayProxyEvent, actor: string): Promise<APIGatewayProxyResult> {
      const at = now();
      const today = shanghaiDate(at);
      const body = parseBody(makeAppealSchema(today), event, APPEAL_FIELD_LABELS);
      const { appeal, warnings } = await fileAppeal(deps, {
        caseFile: caseFileOf(record, today),
        appeal: body,
        actor,
        now: at,
      });
      return json(201, { appealId: appeal.appealId, appeal: appealView(appeal), ...withWarnings(warnings) });
    },

    async result(
      record: CaseRecord,
      appealId: string,
      event: APIGatewayProxyEvent,
      actor: string,
    ): Promise<APIGatewayProxyResult> {
      const at = now();
      const today = shanghaiDate(at);
      const body = parseBody(makeAppealResultSchema(today), event, APPEAL_RESULT_FIELD_LABELS);
      const { appeal, warnings } = await recordAppealResult(deps, {
        caseFile: caseFileOf(record, today),
        appealId,
        outcome: body,
        actor,
        now: at,
      });
      return json(200, { appeal: appealView(appeal), ...withWarnings(warnings) });
    },
  };
}
export type AppealRoutes = ReturnType<typeof makeAppealRoutes>;
