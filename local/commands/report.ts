import { writeFileSync } from 'node:fs';
import { parseCommandArgs } from '../args';

const FORMATS = ['md', 'html', 'json', 'docx'] as const;

interface ReportJson {
  status?: string;
  revision?: number;
  checks?: { name: string; relation: string; passed: boolean; details: string }[];
}

/**
 * What the officer should know about the report fetched, in Chinese: no year data entered (sections 二 and 四 and
 * the narrative are then zero or blank), a draft, the checks that fail.
 */
export function reportNotes(json: string, year: string): string[] {
  let report: ReportJson;
  try {
    report = JSON.parse(json) as ReportJson;
  } catch {
    return [];
  }
  const failed = (report.checks ?? []).filter((c) => !c.passed);
  const noYearData = failed.some((c) => c.name === 'yearData.entered');
  return [
    ...(noYearData
      ? [
          `注意：尚未填报${year}年度数据。本报告第二、四部分全为0，第一、五、六部分的正文为空。` +
            `请先在工作台“年度数据”页面填写（或 PUT /v1/agencies/{机关}/years/${year}），再重新生成报告。`,
        ]
      : []),
    ...(report.status === 'draft' ? ['这是草稿（未发布）。'] : []),
    ...failed.filter((c) => c.name !== 'yearData.entered').map((c) => `未通过校验：${c.relation}（${c.details}）`),
  ];
}

/**
 * `gongkai report --agency ID --year YYYY [--format md|html|json|docx] [--out FILE]`: fetches an annual report
 * from the running local system (generating it first when it has not been generated yet).
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      agency: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      api: { type: 'string', default: process.env.GONGKAI_API ?? 'http://127.0.0.1:3000/v1' },
      token: { type: 'string', default: process.env.GONGKAI_TOKEN },
    },
    strict: true,
  });
  if (!values.agency || !values.year || !/^\d{4}$/.test(values.year)) {
    console.error('用法: gongkai report --agency ID --year YYYY [--format md|html|json|docx] [--out FILE] [--token T]');
    return 2;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    console.error(`--format 必须是 ${FORMATS.join('、')} 之一`);
    return 2;
  }
  const headers: Record<string, string> = values.token ? { authorization: `Bearer ${values.token}` } : {};
  const url = `${values.api}/agencies/${encodeURIComponent(values.agency)}/reports/${values.year}`;
  // Node's own "fetch failed" says nothing to a user: name the address and what to do.
  const request = async (target: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await fetch(target, { ...init, headers });
    } catch {
      throw new Error(`无法连接本地系统 ${values.api}：请先运行 gongkai start，或用 --api 指定地址`);
    }
  };
  let response = await request(`${url}?format=${format}`);
  if (response.status === 404 && values.token) {
    const generated = await request(url, { method: 'POST' });
    if (!generated.ok) {
      console.error(`生成报告失败 (${generated.status}): ${await generated.text()}`);
      return 1;
    }
    response = await request(`${url}?format=${format}`);
  }
  if (!response.ok) {
    console.error(`获取报告失败 (${response.status}): ${await response.text()}`);
    return 1;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const report = format === 'json' ? body.toString('utf8') : await (await request(`${url}?format=json`)).text();
  for (const line of reportNotes(report, values.year)) console.error(line);
  if (values.out) writeFileSync(values.out, body);
  else if (format === 'docx') {
    console.error('Word 格式请用 --out 指定文件');
    return 2;
  } else process.stdout.write(body);
  return 0;
}
