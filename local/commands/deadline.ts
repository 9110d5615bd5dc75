/**
 * `gongkai deadline --received YYYY-MM-DD [--pause FROM/TO]... [--explain]`: the statutory calculator.
 * Prints one JSON object: supplementNoticeDue (Art. 30), replyDue (Art. 33 ¶2, pauses excluded), extendedDue
 * (with the maximum 20-working-day extension) and provisional; `--explain` adds the day-by-day explanation.
 */
import { deadlineAfter, defaultCalendar } from '../../functions/shared/domain/calendar';
import {
  explainDays,
  MAX_EXTENSION_WORKING_DAYS,
  REPLY_WORKING_DAYS,
  SUPPLEMENT_NOTICE_WORKING_DAYS,
} from '../../functions/shared/domain/clock';
import { isLocalDate } from '../../functions/shared/domain/local-date';
import { parseCommandArgs } from '../args';

const USAGE = '用法: gongkai deadline --received YYYY-MM-DD [--pause FROM/TO]... [--explain]';

function fail(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

/** Runs the calculator; returns the exit code (2 for bad arguments). */
export async function run(args: string[]): Promise<number> {
  let values: { received?: string; pause?: string[]; explain?: boolean; help?: boolean };
  try {
    ({ values } = parseCommandArgs({
      args,
      options: {
        received: { type: 'string' },
        pause: { type: 'string', multiple: true },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const received = values.received;
  if (received === undefined) return fail('缺少 --received（收到申请之日）');
  if (!isLocalDate(received)) return fail(`--received 日期无效: ${received}（应为 YYYY-MM-DD）`);
  const pauses = [];
  for (const [i, text] of (values.pause ?? []).entries()) {
    const [from, to, extra] = text.split('/');
    if (extra !== undefined || !isLocalDate(from) || !isLocalDate(to)) {
      return fail(`--pause 格式无效: ${text}（应为 YYYY-MM-DD/YYYY-MM-DD）`);
    }
    if (to < from) return fail(`--pause 结束日 ${to} 早于开始日 ${from}`);
    if (from < received) return fail(`--pause 开始日 ${from} 早于收到申请之日 ${received}`);
    pauses.push({ id: `pause-${i + 1}`, label: `中止 ${i + 1}`, from, to });
  }
  try {
    const calendar = defaultCalendar();
    const notice = deadlineAfter(calendar, received, SUPPLEMENT_NOTICE_WORKING_DAYS);
    const reply = deadlineAfter(calendar, received, REPLY_WORKING_DAYS, pauses);
    const extended = deadlineAfter(calendar, received, REPLY_WORKING_DAYS + MAX_EXTENSION_WORKING_DAYS, pauses);
    const output = {
      receivedOn: received,
      supplementNoticeDue: notice.date,
      replyDue: reply.date,
      extendedDue: extended.date,
      provisional: notice.provisional || reply.provisional || extended.provisional,
      pauses: pauses.map(({ from, to }) => ({ from, to })),
      basis: { supplementNoticeDue: 'Art. 30', replyDue: 'Art. 33 ¶2', extendedDue: 'Art. 33 ¶2' },
      ...(values.explain
        ? {
            explanation: {
              supplementNoticeDue: `自 ${received}（收到申请之日，不计入）起第 ${SUPPLEMENT_NOTICE_WORKING_DAYS} 个工作日为 ${notice.date}（第三十条）`,
              replyDue: `自 ${received}（收到申请之日，不计入）起第 ${REPLY_WORKING_DAYS} 个工作日为 ${reply.date}${pauses.length ? '，中止期间不计入' : ''}（第三十三条第二款）`,
              extendedDue: `答复期限延长 ${MAX_EXTENSION_WORKING_DAYS} 个工作日：自 ${received} 起第 ${REPLY_WORKING_DAYS + MAX_EXTENSION_WORKING_DAYS} 个计入日为 ${extended.date}（第三十三条第二款）`,
              days: explainDays(calendar, received, extended.date, pauses),
            },
          }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof RangeError) return fail(error.message);
    throw error;
  }
}
