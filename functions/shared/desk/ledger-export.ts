import { clockOf, domainEvents } from '../case-workflow';
import { ledgerRow } from '../domain/ledger';
import { ledgerFile, type LedgerFormat } from '../files/ledger-file';
import { log } from '../log';
import type { AuditRepository } from '../store/audit-repository';
import type { CaseRepository } from '../store/case-repository';

/**
 * The ledger (台账) of an agency's year (design.md §9): every case received in the year, one row each, as Excel or
 * CSV; the export is recorded in the audit trail (who, which year, how many rows) before the file is handed out.
 */
export async function exportLedger(
  deps: { cases: CaseRepository; audit: AuditRepository },
  input: {
    agencyId: string;
    agencyName: string;
    year: number;
    format: LedgerFormat;
    actor: string;
    now: Date;
    today: string;
  },
): Promise<{ file: Buffer; rows: number }> {
  const records = await deps.cases.recordsReceivedIn(input.agencyId, input.year);
  const rows = records.map((record) =>
    ledgerRow(
      {
        receiptNumber: record.receiptNumber,
        receivedOn: record.receivedOn,
        channel: record.channel,
        applicantType: record.applicant.type,
        applicantName: record.applicant.name,
        description: record.information.description,
        events: domainEvents(record),
      },
      clockOf(record, input.today),
    ),
  );
  await deps.audit.record({
    agencyId: input.agencyId,
    actor: input.actor,
    action: 'ledger_export',
    at: input.now.toISOString(),
    detail: { year: input.year, format: input.format, rows: rows.length },
  });
  log.info('ledger exported', { agencyId: input.agencyId, year: input.year, format: input.format, rows: rows.length });
  const file = await ledgerFile(`${input.agencyName}${input.year}年台账`, rows, input.format);
  return { file, rows: rows.length };
}
