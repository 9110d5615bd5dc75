import { clockOf, domainEvents } from '../case-workflow';
import { inReceiptOrder, ledgerRow, ledgerVoidRow, type LedgerVoid } from '../domain/ledger';
import { ledgerFile, type LedgerFormat } from '../files/ledger-file';
import { log } from '../log';
import { VOID_REASON_LABELS } from '../receipt-ledger';
import { shanghaiDate } from '../system-clock';
import type { AuditRepository } from '../store/audit-repository';
import type { CaseRepository } from '../store/case-repository';
import type { ReceiptRepository } from '../store/receipt-repository';

/**
 * The ledger (台账) of an agency's year (design.md §9): every case received in the year, one row each, and every
 * receipt number of the year recorded void (状态 作废, with its reason), in receipt-number order so the numbering
 * shows no gap; as Excel (with a sheet 作废编号 listing the void numbers) or CSV. The export is recorded in the
 * audit trail (who, which year, how many rows and voids) before the file is handed out.
 */
export async function exportLedger(
  deps: { cases: CaseRepository; audit: AuditRepository; receipts: Pick<ReceiptRepository, 'listVoids'> },
  input: {
    agencyId: string;
    agencyName: string;
    year: number;
    format: LedgerFormat;
    actor: string;
    now: Date;
    today: string;
  },
): Promise<{ file: Buffer; rows: number; voids: number }> {
  const [records, voidEntries] = await Promise.all([
    deps.cases.recordsReceivedIn(input.agencyId, input.year),
    deps.receipts.listVoids(input.agencyId, input.year),
  ]);
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
  const voids: LedgerVoid[] = [...voidEntries]
    .sort((a, b) => a.sequence - b.sequence)
    .map((v) => ({
      receiptNumber: v.receiptNumber,
      reason: VOID_REASON_LABELS[v.reason],
      recordedOn: shanghaiDate(new Date(v.recordedAt)),
    }));
  await deps.audit.record({
    agencyId: input.agencyId,
    actor: input.actor,
    action: 'ledger_export',
    at: input.now.toISOString(),
    detail: {
      year: input.year,
      format: input.format,
      rows: rows.length,
      ...(voids.length ? { voids: voids.length } : {}),
    },
  });
  log.info('ledger exported', {
    agencyId: input.agencyId,
    year: input.year,
    format: input.format,
    rows: rows.length,
    voids: voids.length,
  });
  const file = await ledgerFile(
    `${input.agencyName}${input.year}年台账`,
    inReceiptOrder([...rows, ...voids.map(ledgerVoidRow)]),
    input.format,
    voids,
  );
  return { file, rows: rows.length, voids: voids.length };
}
