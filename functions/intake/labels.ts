/**
 * The words of the public intake API's fields and values (design.md §5), without zod: the web pages render their
 * forms from these at once and load the checks themselves (`schema.ts`, zod) only when a form is submitted
 * (issue 17: the form's first script stays small). `schema.ts` re-exports everything here.
 */
import type { ApplicantType, DeliveryForm, DeliveryMethod, IdType } from '../shared/domain/model';
import type { FieldLabels } from '../shared/http/validation';

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  other_id: '其他身份证件',
  credit_code: '统一社会信用代码',
};
export const DELIVERY_FORM_LABELS: Record<DeliveryForm, string> = { paper: '纸质', electronic: '电子' };
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  email: '电子邮件',
  post: '邮寄',
  pickup: '当面领取',
  online: '网上获取',
};

/** The identity types a person may use; an organisation uses `credit_code` (Art. 29). */
export const PERSON_ID_TYPES: readonly IdType[] = ['resident_id', 'passport', 'other_id'];

/** Chinese labels of the applicant, information and delivery fields, keyed by path inside the body. */
export const APPLICATION_FIELD_LABELS = {
  agencyId: '受理机关',
  applicant: '申请人信息',
  'applicant.type': '申请人类别',
  'applicant.name': '申请人姓名',
  'applicant.idType': '申请人证件类型',
  'applicant.idNumber': '申请人证件号码',
  'applicant.phone': '申请人联系电话',
  'applicant.email': '申请人电子邮箱',
  'applicant.address': '申请人通信地址',
  information: '所需信息',
  'information.description': '所需信息的内容描述',
  'information.documentNumber': '所需信息的文号',
  delivery: '信息获取方式',
  'delivery.form': '信息提供形式',
  'delivery.method': '信息获取途径',
} as const satisfies FieldLabels;

/** Labels of every field of `POST /v1/requests`. */
export const SUBMIT_REQUEST_FIELD_LABELS = {
  '': '申请内容',
  ...APPLICATION_FIELD_LABELS,
  clientToken: '请求令牌（clientToken）',
} as const satisfies FieldLabels;

/** Labels of every field of `POST /v1/requests/{receiptNumber}/supplement`. */
export const SUPPLEMENT_FIELD_LABELS = {
  '': '补正内容',
  text: '补正说明',
  documentNumber: '所需信息的文号',
} as const satisfies FieldLabels;

/** The identity types allowed for an applicant category (Art. 29). */
export function allowedIdTypes(type: ApplicantType): readonly IdType[] {
  return type === 'natural_person' ? PERSON_ID_TYPES : ['credit_code'];
}
