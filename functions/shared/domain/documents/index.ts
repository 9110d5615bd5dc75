/** Statutory documents (文书) of a case: content templates, numbering and the printable HTML view (design.md §9). */
export * from './types';
export * from './numbering';
export * from './kinds';
export * from './reply-decisions';
export * from './templates';
export * from './render-html';
