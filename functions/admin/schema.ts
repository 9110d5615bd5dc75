/**
 * Inputs of the administration routes (design.md §9 Administration): an agency's settings and a year's
 * State Council holiday notice. Every message names its field in Chinese.
 */
import * as z from 'zod/mini';
import { localDate, strictObject, text, type FieldLabels } from '../shared/http/validation';

/** An agency id: lowercase letters, digits and hyphens (it is also a Cognito group name, `<agencyId>:head` the head's). */
export const AGENCY_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const AGENCY_FIELD_LABELS: FieldLabels = {
  '': '机关设置',
  agencyId: '机关标识',
  name: '机关名称',
  receiptPrefix: '受理编号前缀',
  letterPrefix: '文书文号前缀',
  officeEmail: '政府信息公开工作机构邮箱',
  headEmail: '机构负责人邮箱',
  reviewOrgan: '行政复议机关',
  court: '管辖法院',
  address: '通讯地址',
  phone: '联系电话',
  parentAgencyId: '上级机关标识',
};
const L = AGENCY_FIELD_LABELS;

const email = (label: string) =>
  text(label, { max: 254, pattern: { regex: z.regexes.email, message: `${label}格式不正确` } });

/** `{agencyId}` of `/v1/admin/agencies/{agencyId}`. */
export const agencyIdSchema = z.object({
  agencyId: text(L.agencyId ?? '', {
    max: 64,
    pattern: { regex: AGENCY_ID_PATTERN, message: `${L.agencyId}只能包含小写字母、数字和连字符（-）` },
  }).check(z.refine((id) => id !== 'gongkai-admin', { error: `${L.agencyId}不能是 gongkai-admin` })),
});

/** Body of `PUT /v1/admin/agencies/{agencyId}`. */
export const agencySettingsSchema = strictObject(L[''] ?? '', {
  name: text(L.name ?? '', { max: 100 }),
  receiptPrefix: text(L.receiptPrefix ?? '', {
    max: 10,
    pattern: { regex: /^[A-Z][A-Z0-9]{1,9}$/, message: `${L.receiptPrefix}应为2至10位大写字母或数字，以字母开头` },
  }),
  letterPrefix: text(L.letterPrefix ?? '', {
    max: 20,
    pattern: { regex: /^[^〔〕[\]\s]+$/, message: `${L.letterPrefix}不能包含空格或六角括号〔〕` },
  }),
  officeEmail: email(L.officeEmail ?? ''),
  headEmail: email(L.headEmail ?? ''),
  reviewOrgan: text(L.reviewOrgan ?? '', { max: 100 }),
  court: text(L.court ?? '', { max: 100 }),
  address: text(L.address ?? '', { max: 200 }),
  phone: text(L.phone ?? '', {
    max: 30,
    pattern: { regex: /^[0-9+()（）\-\s]{5,30}$/, message: `${L.phone}只能包含数字、+、-、括号和空格` },
  }),
  parentAgencyId: z.optional(
    text(L.parentAgencyId ?? '', {
      max: 64,
      pattern: { regex: AGENCY_ID_PATTERN, message: `${L.parentAgencyId}格式不正确` },
    }),
  ),
});
export type AgencySettings = z.output<typeof agencySettingsSchema>;

export const CALENDAR_FIELD_LABELS: FieldLabels = {
  '': '节假日安排',
  year: '年份',
  noticeNumber: '国务院通知文号',
  publishedOn: '通知发布日期',
  holidays: '放假日期',
  workdays: '调休上班日期',
  version: '版本',
};

/** `{year}` of `/v1/admin/calendars/{year}`. */
export const calendarYearSchema = z.object({
  year: z.coerce
    .number({ error: '年份必须是数字' })
    .check(
      z.int({ error: '年份必须是整数' }),
      z.gte(2000, { error: '年份不能早于2000' }),
      z.lte(2099, { error: '年份不能晚于2099' }),
    ),
});

/** Body of `PUT /v1/admin/calendars/{year}`: the State Council notice of that year (国务院办公厅关于…节假日安排的通知). */
export const calendarNoticeSchema = strictObject(CALENDAR_FIELD_LABELS[''] ?? '', {
  noticeNumber: text(CALENDAR_FIELD_LABELS.noticeNumber ?? '', { max: 60 }),
  publishedOn: localDate(CALENDAR_FIELD_LABELS.publishedOn ?? ''),
  holidays: z
    .array(localDate(CALENDAR_FIELD_LABELS.holidays ?? ''), { error: '放假日期格式不正确，应为列表' })
    .check(z.maxLength(60)),
  workdays: z
    .array(localDate(CALENDAR_FIELD_LABELS.workdays ?? ''), { error: '调休上班日期格式不正确，应为列表' })
    .check(z.maxLength(30)),
});
export type CalendarNotice = z.output<typeof calendarNoticeSchema>;

/** `GET /v1/admin/calendars/{year}/recompute?version=`: which version's recompute (default: the current one). */
export const recomputeQuerySchema = z.object({
  version: z.optional(
    z.coerce
      .number({ error: '版本必须是数字' })
      .check(z.int({ error: '版本必须是整数' }), z.positive({ error: '版本必须是正整数' })),
  ),
});
