/**
 * DOM helpers shared by the pages. Every piece of data reaches the page through `textContent` or an
 * attribute, never through `innerHTML`, so whatever an applicant typed is shown as text.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * Creates an element with attributes (a `true` boolean sets an empty attribute, `false`/`undefined`
 * leaves it out) and children (strings become text nodes).
 *
 * @example h('p', { class: 'hint' }, '请填写', h('strong', {}, '证件号码'))
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** The element with this id, or an error naming it (a page without its own skeleton is a bug). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page element #${id} is missing`);
  return element as T;
}

/** A description list (`<dl>`) of label/value rows; rows whose value is empty are left out. */
export function definitionList(rows: ReadonlyArray<readonly [string, Child]>, className = 'facts'): HTMLDListElement {
  const list = h('dl', { class: className });
  for (const [term, value] of rows) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    append(list, h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value)));
  }
  return list;
}

/** A notice box: `role="alert"` for errors (read out at once), `role="status"` for confirmations. */
export function notice(kind: 'error' | 'success' | 'info', title: string, ...body: Child[]): HTMLDivElement {
  return h(
    'div',
    { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', tabindex: -1 },
    h('p', { class: 'notice-title' }, title),
    ...body,
  );
}

/** Today's legal date `YYYY-MM-DD` in Asia/Shanghai (the statutory calendar's zone), whatever the device's zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * A legal date written the Chinese way, with its weekday.
 *
 * @example formatDate('2024-10-23') // => '2024年10月23日（星期三）'
 */
export function formatDate(date: string | undefined, withWeekday = true): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const text = `${y}年${mo}月${d}日`;
  if (!withWeekday) return text;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()] ?? '';
  return `${text}（${weekday}）`;
}

/**
 * An instant shown in Beijing time.
 *
 * @example formatInstant('2024-10-23T01:02:00Z') // => '2024-10-23 09:02'
 */
export function formatInstant(instant: string | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
