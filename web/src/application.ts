/**
 * The fields of an application (Art. 29; ogi-rules.md §1), shared by the public form and the staff
 * console's registration of a paper application. The applicant category switches between a
 * person's fields (姓名, 居民身份证/护照/其他身份证件) and an organisation's (单位名称, 统一社会信用代码).
 */
import {
  DELIVERY_FORM_LABELS,
  DELIVERY_METHOD_LABELS,
  ID_TYPE_LABELS,
  allowedIdTypes,
} from '../../functions/intake/labels';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  type ApplicantType,
} from '../../functions/shared/domain/model';
import { append, h } from './dom';
import { fieldId, renderField, type FieldSpec } from './fields';

export interface Agency {
  agencyId: string;
  name: string;
}

const pairs = <K extends string>(keys: readonly K[], labels: Record<K, string>): Array<readonly [string, string]> =>
  keys.map((key) => [key, labels[key]] as const);

/** What the name and number fields are called for a person and for an organisation. */
const APPLICANT_WORDING = {
  person: { name: '姓名', idNumber: '证件号码', idNumberHint: '居民身份证为18位，最后一位可以是X' },
  organisation: { name: '单位名称', idNumber: '统一社会信用代码', idNumberHint: '18位，见营业执照或登记证书' },
} as const;

function isPerson(type: string): boolean {
  return type === 'natural_person';
}

/** The applicant fieldset (申请人信息). `requireEmail`: online applications need it for the acknowledgement. */
export function applicantSection(prefix: string, options: { requireEmail: boolean }): HTMLFieldSetElement {
  const wording = APPLICANT_WORDING.person;
  const specs: FieldSpec[] = [
    {
      path: 'applicant.type',
      label: '申请人类别',
      kind: 'radio',
      options: pairs(APPLICANT_TYPES, APPLICANT_TYPE_LABELS).map(([value, label]) => [
        value,
        value === 'natural_person' ? '自然人（个人）' : `${label}（法人或其他组织）`,
      ]),
      required: true,
      initial: 'natural_person',
      className: 'choices-wrap',
    },
    { path: 'applicant.name', label: wording.name, kind: 'text', required: true, autocomplete: 'name', maxLength: 100 },
    {
      path: 'applicant.idType',
      label: '证件类型',
      kind: 'select',
      options: pairs(allowedIdTypes('natural_person'), ID_TYPE_LABELS),
      required: true,
      initial: 'resident_id',
    },
    {
      path: 'applicant.idNumber',
      label: wording.idNumber,
      kind: 'text',
      required: true,
      hint: wording.idNumberHint,
      autocomplete: 'off',
      maxLength: 30,
    },
    {
      path: 'applicant.phone',
      label: '联系电话',
      kind: 'tel',
      required: true,
      hint: '11位手机号码，或带区号的固定电话（如010-12345678）',
      autocomplete: 'tel',
      maxLength: 30,
    },
    {
      path: 'applicant.email',
      label: '电子邮箱',
      kind: 'email',
      required: options.requireEmail,
      hint: options.requireEmail ? '受理回执和办理进展将发送到此邮箱' : '选择电子邮件获取时必填',
      autocomplete: 'email',
      maxLength: 254,
    },
    {
      path: 'applicant.address',
      label: '通信地址',
      kind: 'text',
      hint: '选择邮寄获取时必填',
      autocomplete: 'street-address',
      maxLength: 200,
    },
  ];
  const fieldset = h('fieldset', { class: 'section' }, h('legend', {}, '申请人信息'));
  for (const spec of specs) append(fieldset, renderField(spec, prefix));
  return fieldset;
}

/** The information wanted (所需信息, Art. 29 ¶2). */
export function informationSection(prefix: string): HTMLFieldSetElement {
  const fieldset = h('fieldset', { class: 'section' }, h('legend', {}, '所需政府信息'));
  append(
    fieldset,
    renderField(
      {
        path: 'information.description',
        label: '所需信息的内容描述',
        kind: 'textarea',
        required: true,
        hint: '请写明所需政府信息的名称、文号或者便于查找的其他特征（如时间、地点、事项）',
        maxLength: 5000,
        rows: 6,
      },
      prefix,
    ),
    renderField(
      {
        path: 'information.documentNumber',
        label: '文号',
        kind: 'text',
        hint: '如知道，请填写，例如：西政〔2024〕1号',
        maxLength: 100,
      },
      prefix,
    ),
  );
  return fieldset;
}

/** The form and way of obtaining the information (Art. 29 ¶3). */
export function deliverySection(prefix: string): HTMLFieldSetElement {
  const fieldset = h('fieldset', { class: 'section' }, h('legend', {}, '信息的提供形式和获取方式'));
  append(
    fieldset,
    renderField(
      {
        path: 'delivery.form',
        label: '提供形式',
        kind: 'radio',
        options: pairs(DELIVERY_FORMS, DELIVERY_FORM_LABELS),
        required: true,
        initial: 'electronic',
      },
      prefix,
    ),
    renderField(
      {
        path: 'delivery.method',
        label: '获取方式',
        kind: 'radio',
        options: pairs(DELIVERY_METHODS, DELIVERY_METHOD_LABELS),
        required: true,
        initial: 'email',
      },
      prefix,
    ),
  );
  return fieldset;
}

/** The agency choice (受理机关). */
export function agencyField(prefix: string, agencies: readonly Agency[], initial?: string): HTMLElement {
  return renderField(
    {
      path: 'agencyId',
      label: '受理机关',
      kind: 'select',
      options: agencies.map((a) => [a.agencyId, a.name] as const),
      required: true,
      initial: initial ?? (agencies.length === 1 ? agencies[0]?.agencyId : undefined),
    },
    prefix,
  );
}

/**
 * Keeps the applicant fields in step with the category: labels, the identity types allowed and the
 * number's hint. What was typed in the name and number stays.
 */
export function wireApplicantType(form: HTMLFormElement, prefix: string): void {
  const update = (): void => {
    const checked = form.querySelector<HTMLInputElement>('input[name="applicant.type"]:checked');
    const type = (checked?.value ?? 'natural_person') as ApplicantType;
    const wording = isPerson(type) ? APPLICANT_WORDING.person : APPLICANT_WORDING.organisation;
    const nameLabel = form.querySelector(`label[for="${fieldId(prefix, 'applicant.name')}"]`);
    const numberLabel = form.querySelector(`label[for="${fieldId(prefix, 'applicant.idNumber')}"]`);
    if (nameLabel?.firstChild) nameLabel.firstChild.textContent = wording.name;
    if (numberLabel?.firstChild) numberLabel.firstChild.textContent = wording.idNumber;
    const hint = document.getElementById(`${fieldId(prefix, 'applicant.idNumber')}-hint`);
    if (hint) hint.textContent = wording.idNumberHint;
    const name = document.getElementById(fieldId(prefix, 'applicant.name'));
    name?.setAttribute('autocomplete', isPerson(type) ? 'name' : 'organization');

    const select = document.getElementById(fieldId(prefix, 'applicant.idType')) as HTMLSelectElement | null;
    if (!select) return;
    const allowed = allowedIdTypes(type);
    const previous = select.value;
    select.replaceChildren();
    if (allowed.length > 1) append(select, h('option', { value: '' }, '请选择'));
    for (const idType of allowed) append(select, h('option', { value: idType }, ID_TYPE_LABELS[idType]));
    select.value = (allowed as readonly string[]).includes(previous) ? previous : (allowed[0] ?? '');
  };
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement | null)?.name === 'applicant.type') update();
  });
  update();
}
