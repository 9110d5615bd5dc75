/**
 * Warnings the staff API gives with an accepted act (design.md §9): an act dated into a year whose annual report is
 * published — the report needs a correction, and the console links to it.
 */
import { segment } from './api';
import { h } from './dom';

interface ActWarning {
  code: string;
  year?: number;
  message: string;
}

/** The warnings of an answer as paragraphs with a link to the report to correct, or null when there are none. */
export function actWarnings(body: unknown, agencyId: string): HTMLElement | null {
  const warnings = (body as { warnings?: ActWarning[] } | undefined)?.warnings ?? [];
  if (warnings.length === 0) return null;
  return h(
    'div',
    { class: 'act-warnings' },
    ...warnings.map((w) =>
      h(
        'p',
        { class: 'warning' },
        h('strong', {}, '需要更正年度报告：'),
        w.message,
        w.year ? h('a', { href: `#/reports/${segment(agencyId)}/${w.year}` }, ` 去更正${w.year}年度报告 →`) : null,
      ),
    ),
  );
}
