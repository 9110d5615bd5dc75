/**
 * Schedules defined once: the CDK stack turns them into EventBridge Scheduler schedules and the local
 * runtime's cron runs the same handlers at the same moments on its own clock.
 */
export interface CronSchedule {
  minute: string;
  hour: string;
  day: string;
  month: string;
  timeZone: 'Asia/Shanghai';
}

/** Early on 2 January (02:00 Beijing time): every agency's draft report for the year just ended (Art. 49–50). */
export const ANNUAL_REPORT_SCHEDULE: CronSchedule = {
  minute: '0',
  hour: '2',
  day: '2',
  month: '1',
  timeZone: 'Asia/Shanghai',
};

/** Daily at 06:30 Beijing time: restart any open case's missing timeline. */
export const RECONCILE_SCHEDULE: CronSchedule = {
  minute: '30',
  hour: '6',
  day: '*',
  month: '*',
  timeZone: 'Asia/Shanghai',
};

/**
 * Daily at 09:00 Beijing time: the reminder digests (design.md §9), one email per recipient per working day; the
 * job itself skips days that are not working days in the calendar (make-up Saturdays included).
 */
export const DIGEST_SCHEDULE: CronSchedule = {
  minute: '0',
  hour: '9',
  day: '*',
  month: '*',
  timeZone: 'Asia/Shanghai',
};

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The next instant strictly after `after` at which a schedule with fixed minute and hour fires (Asia/Shanghai, no DST). */
export function nextRun(schedule: CronSchedule, after: Date): Date {
  const local = new Date(after.getTime() + SHANGHAI_OFFSET_MS);
  for (let dayOffset = 0; dayOffset <= 366 * 2; dayOffset++) {
    const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + dayOffset));
    const matches = (field: string, value: number) => field === '*' || Number(field) === value;
    if (!matches(schedule.month, day.getUTCMonth() + 1) || !matches(schedule.day, day.getUTCDate())) continue;
    const at = new Date(
      day.getTime() + Number(schedule.hour) * 3600_000 + Number(schedule.minute) * 60_000 - SHANGHAI_OFFSET_MS,
    );
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('Schedule never fires');
}
