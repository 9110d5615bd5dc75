/**
 * Input schemas of the public intake API (design.md §5): `POST /v1/requests` and
 * `POST /v1/requests/{receiptNumber}/supplement`, plus the applicant, information and delivery
 * parts that staff registration (`functions/cases/schema.ts`) reuses.
 *
 * Art. 29: an application names the applicant (name, proof of identity, contact details), the
 * information wanted, and the form and way of obtaining it. Every message is Chinese and names its
 * field. Browser-safe (bundled into the web form): imports zod and pure modules only.
 */
import * as z from 'zod/mini';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  ID_TYPES,
  type IdType,
} from '../shared/domain/model';
import {
  checkCreditCode,
  checkResidentId,
  type CreditCodeProblem,
  type ResidentIdProblem,
} from '../shared/domain/identity';
import { oneOf, onFirstUse, optionalText, strictObject, text } from '../shared/http/validation';
import { isPhoneNumber, normalizePhone } from '../shared/domain/phone';
import {
  APPLICATION_FIELD_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_METHOD_LABELS,
  ID_TYPE_LABELS,
  SUBMIT_REQUEST_FIELD_LABELS,
  SUPPLEMENT_FIELD_LABELS,
  allowedIdTypes,
} from './labels';

export * from './labels';

const L = APPLICATION_FIELD_LABELS;

export { LANDLINE_PHONE, MOBILE_PHONE } from '../shared/domain/phone';
const PASSPORT = /^[A-Za-z0-9]{5,20}$/;

/** An agency identifier as used in keys and URLs. */
export const makeAgencyIdSchema = () =>
  text(L.agencyId, {
    max: 64,
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: '受理机关标识格式不正确' },
  });

const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  format: '申请人身份证号码应为18位，前17位为数字，最后一位为数字或X',
  region: '申请人身份证号码的地址码不正确',
  birth_date: '申请人身份证号码中的出生日期无效',
  check_digit: '申请人身份证号码校验位不正确',
};
const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  format: '申请人统一社会信用代码应为18位数字或大写字母',
  charset: '申请人统一社会信用代码含有不使用的字母（I、O、Z、S、V）',
  region: '申请人统一社会信用代码第3至8位的行政区划码应为数字',
  check_digit: '申请人统一社会信用代码校验位不正确',
};

/**
 * Checks an identity number against its type: GB 11643 for `resident_id`, GB 32100 for
 * `credit_code`, 5–20 letters or digits for `passport`, 4–30 characters for `other_id`.
 * Returns the normalised number or the Chinese message of the first problem.
 *
 * @example checkIdNumber('resident_id', '11010519491231002x') // => { ok: true, normalized: '11010519491231002X' }
 */
export function checkIdNumber(
  idType: IdType,
  idNumber: string,
): { ok: true; normalized: string } | { ok: false; message: string } {
  const s = idNumber.trim();
  switch (idType) {
    case 'resident_id': {
      const r = checkResidentId(s);
      return r.ok ? { ok: true, normalized: r.normalized } : { ok: false, message: RESIDENT_ID_MESSAGES[r.problem] };
    }
    case 'credit_code': {
      const r = checkCreditCode(s);
      return r.ok ? { ok: true, normalized: r.normalized } : { ok: false, message: CREDIT_CODE_MESSAGES[r.problem] };
    }
    case 'passport':
      return PASSPORT.test(s)
        ? { ok: true, normalized: s.toUpperCase() }
        : { ok: false, message: '申请人护照号码应为5至20位字母或数字' };
    case 'other_id':
      return s.length >= 4 && s.length <= 30
        ? { ok: true, normalized: s }
        : { ok: false, message: '申请人证件号码应为4至30个字符' };
  }
}

function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

/**
 * The applicant (申请人). `requireEmail`: the online form needs an email for the acknowledgement;
 * a paper application registered by staff may come without one.
 */
export function makeApplicantSchema(options: { requireEmail: boolean }) {
  const email = z
    .string({ error: labelledEmail })
    .check(z.trim(), z.maxLength(254), z.regex(z.regexes.email, { error: `${L['applicant.email']}格式不正确` }));
  const applicant = strictObject(L.applicant, {
    type: oneOf(L['applicant.type'], APPLICANT_TYPES, APPLICANT_TYPE_LABELS),
    name: text(L['applicant.name'], { max: 100 }),
    idType: oneOf(L['applicant.idType'], ID_TYPES, ID_TYPE_LABELS),
    idNumber: text(L['applicant.idNumber'], { max: 30 }),
    // As people write it (`138 0013 8000`, `+86 138-0013-8000`), stored in its normal form (`normalizePhone`).
    phone: text(L['applicant.phone'], { max: 30 }).check(
      z.overwrite(normalizePhone),
      z.refine(isPhoneNumber, {
        error: `${L['applicant.phone']}应为11位手机号码或带区号的固定电话（如010-12345678）`,
      }),
    ),
    email: options.requireEmail ? email : z.optional(email),
    address: optionalText(L['applicant.address'], { max: 200 }),
  });
  return z.pipe(
    applicant.check(
      z.superRefine(
        (a, ctx) => {
          if (!isOneOf(APPLICANT_TYPES, a.type) || !isOneOf(ID_TYPES, a.idType)) return;
          if (!allowedIdTypes(a.type).includes(a.idType)) {
            ctx.addIssue({
              code: 'custom',
              path: ['idType'],
              message:
                a.type === 'natural_person'
                  ? '自然人申请人的证件类型应为居民身份证、护照或其他身份证件'
                  : '法人或其他组织申请人的证件类型应为统一社会信用代码',
            });
            return;
          }
          if (typeof a.idNumber !== 'string' || a.idNumber.trim() === '') return;
          const r = checkIdNumber(a.idType, a.idNumber);
          if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.message });
        },
        { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
      ),
    ),
    z.transform((a: z.output<typeof applicant>) => {
      const r = checkIdNumber(a.idType, a.idNumber);
      return r.ok ? { ...a, idNumber: r.normalized } : a;
    }),
  );
}

function labelledEmail(iss: z.core.$ZodRawIssue): string {
  if (iss.code === 'invalid_type')
    return iss.input === undefined ? '申请人电子邮箱不能为空' : '申请人电子邮箱必须是文本';
  if (iss.code === 'too_big') return '申请人电子邮箱不能超过254个字符';
  return '申请人电子邮箱格式不正确';
}

/** The information wanted (Art. 29 ¶2: a description, or its title or document number 文号). */
export const makeInformationSchema = () =>
  strictObject(L.information, {
    description: text(L['information.description'], { max: 5000 }),
    documentNumber: optionalText(L['information.documentNumber'], { max: 100 }),
  });

/** The form wanted and how it is obtained (Art. 29 ¶3). */
export const makeDeliverySchema = () =>
  strictObject(L.delivery, {
    form: oneOf(L['delivery.form'], DELIVERY_FORMS, DELIVERY_FORM_LABELS),
    method: oneOf(L['delivery.method'], DELIVERY_METHODS, DELIVERY_METHOD_LABELS),
  });

interface ContactParts {
  applicant?: { email?: unknown; address?: unknown } | undefined;
  delivery?: { method?: unknown } | undefined;
}

/**
 * The delivery method needs its contact detail: an email address for `email`, a postal address
 * for `post`. Adds the issue at the missing field.
 */
export function checkContactForDelivery(body: ContactParts, ctx: z.core.$RefinementCtx<unknown>): void {
  const method = body.delivery?.method;
  const applicant = body.applicant;
  if (typeof applicant !== 'object' || applicant === null) return;
  if (method === 'email' && (typeof applicant.email !== 'string' || applicant.email === '')) {
    ctx.addIssue({
      code: 'custom',
      path: ['applicant', 'email'],
      message: '选择电子邮件获取时，必须填写申请人电子邮箱',
    });
  }
  if (method === 'post' && (typeof applicant.address !== 'string' || applicant.address === '')) {
    ctx.addIssue({ code: 'custom', path: ['applicant', 'address'], message: '选择邮寄获取时，必须填写申请人通信地址' });
  }
}

const whenObject = {
  when: (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null,
};

/**
 * `POST /v1/requests`: an application submitted online (channel `online`; the applicant's email required). Built by
 * the first submission, not at the intake function's cold start (issue 17).
 */
export const makeSubmitRequestSchema = onFirstUse(() =>
  strictObject(SUBMIT_REQUEST_FIELD_LABELS[''], {
    agencyId: makeAgencyIdSchema(),
    applicant: makeApplicantSchema({ requireEmail: true }),
    information: makeInformationSchema(),
    delivery: makeDeliverySchema(),
    clientToken: z.optional(
      text(SUBMIT_REQUEST_FIELD_LABELS.clientToken, {
        min: 8,
        max: 64,
        pattern: { regex: /^[A-Za-z0-9_-]+$/, message: '请求令牌（clientToken）只能包含字母、数字、下划线和连字符' },
      }),
    ),
  }).check(z.superRefine((body, ctx) => checkContactForDelivery(body as ContactParts, ctx), whenObject)),
);
export type SubmitRequestBody = z.output<ReturnType<typeof makeSubmitRequestSchema>>;
export type ApplicantInput = z.output<ReturnType<typeof makeApplicantSchema>>;
export type InformationInput = z.output<ReturnType<typeof makeInformationSchema>>;
export type DeliveryInput = z.output<ReturnType<typeof makeDeliverySchema>>;

/** `POST /v1/requests/{receiptNumber}/supplement`: the applicant's supplement (补正, Art. 30), built on first use. */
export const makeSupplementSchema = onFirstUse(() =>
  strictObject(SUPPLEMENT_FIELD_LABELS[''], {
    text: text(SUPPLEMENT_FIELD_LABELS.text, { max: 5000 }),
    documentNumber: optionalText(SUPPLEMENT_FIELD_LABELS.documentNumber, { max: 100 }),
  }),
);
export type SupplementBody = z.output<ReturnType<typeof makeSupplementSchema>>;
