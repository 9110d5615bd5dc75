/**
 * Form fields described as data, rendered accessibly (a `<label>` for every control, hints and
 * errors tied with `aria-describedby`), read back into the JSON body the API expects, and marked
 * with the API's field errors (`{ path, message }`) — whether the browser or the server found them.
 */
import type { FieldError } from '../../functions/shared/http/validation';
import { append, h, type Child } from './dom';

export type FieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'integer' | 'number' | 'date' | 'select' | 'radio';

export interface FieldSpec {
  /** Dotted path of the value in the request body, e.g. `applicant.idNumber`. */
  path: string;
  label: string;
  kind: FieldKind;
  /** `[value, label]` pairs of a select or radio group. */
  options?: ReadonlyArray<readonly [string, string]>;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  initial?: string;
  maxLength?: number;
  rows?: number;
  /** Extra class on the field's wrapper (e.g. `narrow` for short inputs). */
  className?: string;
  /** Send `''` when left empty (a text the schema requires to be present but allows blank). */
  keepEmpty?: boolean;
}

/** The element id of a field's control (`form-applicant-idNumber`). */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Renders one field: wrapper `div.field[data-path]` with label (or legend), hint and control. */
export function renderField(spec: FieldSpec, prefix: string): HTMLElement {
  const id = fieldId(prefix, spec.path);
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const hint = spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null;
  const requiredMark = spec.required
    ? h('span', { class: 'required' }, '（必填）')
    : h('span', { class: 'optional' }, '（选填）');

  if (spec.kind === 'radio') {
    const group = h('fieldset', {
      class: `field field-radio ${spec.className ?? ''}`.trim(),
      'data-path': spec.path,
      id,
      tabindex: -1,
      'aria-describedby': hintId,
    });
    append(group, h('legend', {}, spec.label, requiredMark), hint);
    const choices = h('div', { class: 'choices' });
    (spec.options ?? []).forEach(([value, label], index) => {
      const optionId = `${id}-${index}`;
      append(
        choices,
        h(
          'div',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            id: optionId,
            name: spec.path,
            value,
            checked: spec.initial === value,
            'data-field': spec.path,
          }),
          h('label', { for: optionId }, label),
        ),
      );
    });
    append(group, choices);
    return group;
  }

  const common: Record<string, string | number | boolean | undefined> = {
    id,
    name: spec.path,
    'data-field': spec.path,
    'data-kind': spec.kind,
    'aria-describedby': hintId,
    autocomplete: spec.autocomplete,
    maxlength: spec.maxLength,
    'data-keep-empty': spec.keepEmpty,
  };
  let control: HTMLElement;
  if (spec.kind === 'textarea') {
    const area = h('textarea', { ...common, rows: spec.rows ?? 5 });
    area.value = spec.initial ?? '';
    control = area;
  } else if (spec.kind === 'select') {
    const select = h('select', common, h('option', { value: '' }, '请选择'));
    for (const [value, label] of spec.options ?? []) append(select, h('option', { value }, label));
    select.value = spec.initial ?? '';
    control = select;
  } else {
    const type = { text: 'text', email: 'email', tel: 'tel', integer: 'text', number: 'text', date: 'date' }[spec.kind];
    const inputmode = spec.kind === 'integer' ? 'numeric' : spec.kind === 'number' ? 'decimal' : undefined;
    const input = h('input', { ...common, type, inputmode });
    input.value = spec.initial ?? '';
    control = input;
  }
  return h(
    'div',
    { class: `field ${spec.className ?? ''}`.trim(), 'data-path': spec.path },
    h('label', { for: id }, spec.label, requiredMark),
    hint,
    control,
  );
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function setPath(target: Record<string, Json>, path: string, value: Json): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, Json>;
  });
  node[keys[keys.length - 1] ?? ''] = value;
}

/**
 * Reads the form into a nested JSON body. Empty fields are left out (so a missing required field
 * gets the schema's "…不能为空"); numeric fields become numbers when they are numbers, otherwise stay
 * text so the schema names the field ("…必须是数字").
 */
export function readForm(form: HTMLFormElement): Record<string, Json> {
  const body: Record<string, Json> = {};
  for (const element of Array.from(
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[data-field]'),
  )) {
    if (element.disabled || element.closest('[hidden]')) continue;
    if (element instanceof HTMLInputElement && element.type === 'radio' && !element.checked) continue;
    const raw = element.value.trim() === '' ? '' : element.value;
    if (raw === '' && !element.hasAttribute('data-keep-empty')) continue;
    const kind = element.getAttribute('data-kind');
    const numeric = (kind === 'integer' || kind === 'number') && /^-?\d+(\.\d+)?$/.test(raw.trim());
    setPath(body, element.getAttribute('data-field') ?? element.name, numeric ? Number(raw.trim()) : raw);
  }
  return body;
}

/** Removes every error mark and the error summary of a form. */
export function clearErrors(form: HTMLFormElement): void {
  form.querySelectorAll('.field-error').forEach((node) => node.remove());
  form.querySelectorAll('.field-invalid').forEach((node) => node.classList.remove('field-invalid'));
  form.querySelectorAll('[aria-invalid]').forEach((node) => {
    node.removeAttribute('aria-invalid');
    const hint = node.closest('[data-path]')?.querySelector('.hint');
    if (hint?.id) node.setAttribute('aria-describedby', hint.id);
    else node.removeAttribute('aria-describedby');
  });
  form.querySelector('.error-summary')?.remove();
}

function clearFieldError(wrapper: Element): void {
  wrapper.querySelector('.field-error')?.remove();
  wrapper.classList.remove('field-invalid');
  const hintId = wrapper.querySelector('.hint')?.id;
  wrapper.querySelectorAll('[aria-invalid]').forEach((node) => {
    node.removeAttribute('aria-invalid');
    if (hintId) node.setAttribute('aria-describedby', hintId);
    else node.removeAttribute('aria-describedby');
  });
}

/** Clears a field's error mark as soon as the person changes it (the next submit checks again). */
export function clearErrorsOnEdit(form: HTMLFormElement): void {
  const onEdit = (event: Event): void => {
    const wrapper = (event.target as Element | null)?.closest('.field-invalid');
    if (wrapper) clearFieldError(wrapper);
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
}

/**
 * Marks each rejected field (`aria-invalid`, the message under its label tied by
 * `aria-describedby`) and puts a summary at the top of the form linking to each field; what was
 * typed stays untouched. Errors whose path has no field on the form are listed in the summary only.
 */
export function showErrors(form: HTMLFormElement, title: string, errors: readonly FieldError[], extra?: Child): void {
  clearErrors(form);
  const items = h('ul', { class: 'error-list' });
  for (const error of errors) {
    const wrapper = error.path ? form.querySelector(`[data-path="${CSS.escape(error.path)}"]`) : null;
    if (!wrapper) {
      append(items, h('li', {}, error.message));
      continue;
    }
    const controls = Array.from(wrapper.querySelectorAll<HTMLElement>('[data-field]'));
    const first = controls[0];
    const anchorId = wrapper.tagName === 'FIELDSET' ? wrapper.id : (first?.id ?? '');
    const errorId = `${anchorId}-error`;
    wrapper.classList.add('field-invalid');
    const message = h(
      'p',
      { class: 'field-error', id: errorId },
      h('span', { class: 'visually-hidden' }, '错误：'),
      error.message,
    );
    const hint = wrapper.querySelector('.hint');
    if (hint) hint.after(message);
    else wrapper.querySelector('label, legend')?.after(message);
    for (const control of controls) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [hint?.id, errorId].filter(Boolean).join(' '));
    }
    append(items, h('li', {}, h('a', { href: `#${anchorId}` }, error.message)));
  }
  const summary = h(
    'div',
    { class: 'error-summary notice notice-error', role: 'alert', tabindex: -1 },
    h('p', { class: 'notice-title' }, title),
    items,
    extra,
  );
  // A click on a summary link moves focus to the field itself, not just the scroll position.
  summary.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest('a');
    const target = link?.getAttribute('href')?.slice(1);
    if (!target) return;
    const field = document.getElementById(target);
    if (!field) return;
    event.preventDefault();
    const focusable = field.matches('fieldset') ? field.querySelector<HTMLElement>('input') : field;
    (focusable ?? field).focus();
  });
  form.prepend(summary);
  summary.focus();
}

/** Shows one error for the whole form (network failure, refused action) in the summary slot. */
export function showFormError(form: HTMLFormElement, title: string, ...body: Child[]): void {
  clearErrors(form);
  const summary = h(
    'div',
    { class: 'error-summary notice notice-error', role: 'alert', tabindex: -1 },
    h('p', { class: 'notice-title' }, title),
    ...body,
  );
  form.prepend(summary);
  summary.focus();
}
