/** Shared fixtures of the annual-report tests: year data, cases, and a small Markdown table parser. */
import type { ReportCase, YearData } from '../../functions/shared/domain/annual-report';

export const NIEDUI = { agencyId: 'niedui-town', name: '聂堆镇人民政府' };

/** The reference report's year data (reference/2024-annual-report-niedui-town.txt). */
export function referenceYearData(narrative: Partial<YearData['narrative']> = {}): YearData {
  const zeros = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  return {
    activeDisclosure: {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 1, repealed: 0, inForce: 1 },
      licensingDecisions: 69,
      penaltyDecisions: 0,
      enforcementDecisions: 0,
      feesCollectedTenThousandYuan: 0,
    },
    reviewAndLitigation: { review: { ...zeros }, litigationDirect: { ...zeros }, litigationAfterReview: { ...zeros } },
    narrative: { overview: '总体情况。', problems: '存在的问题。', other: '', ...narrative },
  };
}

export function aCase(fields: Partial<ReportCase> & Pick<ReportCase, 'caseId' | 'receivedOn'>): ReportCase {
  return {
    receiptNumber: `R-${fields.caseId}`,
    agencyId: NIEDUI.agencyId,
    applicantType: 'natural_person',
    ...fields,
  };
}

/** Splits a Markdown table row on unescaped pipes. */
function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i += 1) {
    const ch = inner[i];
    if (ch === '\\' && i + 1 < inner.length) {
      current += ch + inner[i + 1];
      i += 1;
    } else if (ch === '|') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

export interface MdSection {
  heading: string;
  lines: string[];
  /** The tables of the section, each a list of rows (header first, separator dropped). */
  tables: string[][][];
}

/** Parses Markdown into `## ` sections and their pipe tables. */
export function parseMarkdown(md: string): { title: string; sections: MdSection[] } {
  const lines = md.split('\n');
  const title = lines.find((l) => l.startsWith('# '))?.slice(2) ?? '';
  const sections: MdSection[] = [];
  for (const line of lines) {
    if (line.startsWith('## ')) sections.push({ heading: line.slice(3), lines: [], tables: [] });
    else sections.at(-1)?.lines.push(line);
  }
  for (const s of sections) {
    let table: string[][] | undefined;
    for (const line of s.lines) {
      if (!line.startsWith('|')) {
        table = undefined;
        continue;
      }
      const cells = cellsOf(line);
      if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
      if (!table) {
        table = [];
        s.tables.push(table);
      }
      table.push(cells);
    }
  }
  return { title, sections };
}

/** A deterministic pseudo-random generator (mulberry32) for generated cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
