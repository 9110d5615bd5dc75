/**
 * Inline SVG charts for the HTML report: applications received per month, and closed cases per outcome group
 * （一）…（六） of section 三. Pure string builders; every text is escaped; each chart carries `<title>`,
 * `<desc>` and `role="img"` with an aria-label for screen readers.
 */
import type { ReportCharts } from './types';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 24, right: 16, bottom: 40, left: 40 };

function niceMax(max: number): number {
  if (max <= 5) return Math.max(max, 1);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

/** Vertical bar chart of applications per month 1–12 (section 三 一, by receipt month; Art. 31). */
export function monthlyApplicationsSvg(charts: ReportCharts, year: number): string {
  const data = charts.applicationsPerMonth;
  const total = data.reduce((s, d) => s + d.count, 0);
  const title = `${year} 年每月新收政府信息公开申请数量`;
  const desc = data.map((d) => `${d.month}月 ${d.count} 件`).join('，');
  const max = niceMax(Math.max(0, ...data.map((d) => d.count)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / 12;
  const bars = data.map((d, i) => {
    const h = (d.count / max) * plotH;
    const x = PAD.left + i * slot + slot * 0.15;
    const y = PAD.top + plotH - h;
    return (
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="bar"><title>${d.month}月：${d.count} 件</title></rect>` +
      `<text x="${(x + slot * 0.35).toFixed(1)}" y="${(HEIGHT - PAD.bottom + 16).toFixed(1)}" text-anchor="middle">${d.month}月</text>` +
      (d.count > 0
        ? `<text x="${(x + slot * 0.35).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${d.count}</text>`
        : '')
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="chart-monthly-title chart-monthly-desc" class="chart">`,
    `<title id="chart-monthly-title">${escapeHtml(title)}</title>`,
    `<desc id="chart-monthly-desc">${escapeHtml(`全年共 ${total} 件：${desc}`)}</desc>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}" class="axis"/>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end">${max}</text>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end">0</text>`,
    ...bars,
    '</svg>',
  ].join('');
}

/** Horizontal bar chart of cases closed in the year per outcome group （一）予以公开 … （六）其他处理. */
export function outcomesSvg(charts: ReportCharts, year: number): string {
  const data = charts.outcomes;
  const total = data.reduce((s, d) => s + d.count, 0);
  const title = `${year} 年政府信息公开申请办理结果`;
  const desc = data.map((d) => `${d.label} ${d.count} 件`).join('，');
  const rowH = 30;
  const height = PAD.top + data.length * rowH + 16;
  const labelW = 96;
  const plotW = WIDTH - labelW - PAD.right - 48;
  const max = niceMax(Math.max(0, ...data.map((d) => d.count)));
  const bars = data.map((d, i) => {
    const y = PAD.top + i * rowH;
    const w = (d.count / max) * plotW;
    return (
      `<text x="${labelW - 8}" y="${y + 18}" text-anchor="end">${escapeHtml(d.label)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 10}" class="bar"><title>${escapeHtml(d.label)}：${d.count} 件</title></rect>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 18}">${d.count}</text>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="chart-outcomes-title chart-outcomes-desc" class="chart">`,
    `<title id="chart-outcomes-title">${escapeHtml(title)}</title>`,
    `<desc id="chart-outcomes-desc">${escapeHtml(`本年度办结共 ${total} 件：${desc}`)}</desc>`,
    ...bars,
    '</svg>',
  ].join('');
}
