/** The annual report (年度报告) domain: aggregation, year data checks and renderers. 国办公开办函〔2021〕30号. */
export * from './types';
export * from './labels';
export * from './year-data';
export * from './aggregate';
export * from './section4';
export { escapeMarkdown, renderMarkdown, section4ColumnLabels } from './render-markdown';
export { renderHtml } from './render-html';
export { evidenceOf, renderJson, withoutEvidence } from './render-json';
export * from './lifecycle';
export { escapeHtml, monthlyApplicationsSvg, outcomesSvg } from './charts';
export { feeSentence, formatBeijingTime, formatNumber, section6Paragraphs, titleText } from './format';
