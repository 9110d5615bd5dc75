import type { APIGatewayProxyResult } from 'aws-lambda';
import { clockOf } from '../case-workflow';
import type { AppealKind, AppealResult } from '../domain/appeals';
import type { LocalDate } from '../domain/model';
import { appealView, fileAppeal, recordAppealResult, type AppealCase, type AppealDeps } from '../desk/appeals';
import type { CaseRecord } from '../store/case-repository';
import { shanghaiDate } from '../system-clock';
import { json } from './api';

/**
 * The appeals routes of the staff API (design.md §9 "The desk: Appeals"), for a case the caller may see:
 * `GET /v1/cases/{caseId}/appeals` (list, oldest filing first), `POST …/appeals` → 201 `{ appealId, appeal,
 * warnings? }`, `POST …/appeals/{appealId}/result` → 200 `{ appeal, warnings? }`. The handler validates the bodies
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

    async file(
      record: CaseRecord,
      body: { kind: AppealKind; forum: string; filedOn: LocalDate },
      actor: string,
    ): Promise<APIGatewayProxyResult> {
      const at = now();
      const { appeal, warnings } = await fileAppeal(deps, {
        caseFile: caseFileOf(record, shanghaiDate(at)),
        appeal: body,
        actor,
        now: at,
      });
      return json(201, { appealId: appeal.appealId, appeal: appealView(appeal), ...withWarnings(warnings) });
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
  };
}
export type AppealRoutes = ReturnType<typeof makeAppealRoutes>;
