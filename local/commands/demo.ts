import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCommandArgs } from '../args';
import { routeLogsToFile } from '../log-file';
import { assertPortFree, PortInUseError } from '../port';
import { boundedStop, stopSignal } from '../stop';

/**
 * `gongkai demo [--port N] [--data DIR] [--exit] [--verbose]`: a fresh local system under the virtual clock, filled
 * with a year of one town and one county department (local/demo.ts), then served until Ctrl-C (`--exit`: stop
 * once filled, for tests and scripts). The data folder is a new temporary one unless `--data` names one.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      data: { type: 'string' },
      exit: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    console.error(`--port 无效: ${values.port}（应为 0–65535 的整数，0 表示自动选择）`);
    return 2;
  }
  try {
    await assertPortFree(port);
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    console.error(error.message);
    return 1;
  }
  const dataDir = path.resolve(values.data ?? mkdtempSync(path.join(tmpdir(), 'gongkai-demo-')));
  const logs = values.verbose ? undefined : routeLogsToFile(dataDir);
  const say = logs?.say ?? ((text: string) => console.log(text));
  const started = Date.now();
  say(`gongkai 演示：新建本地系统（数据目录 ${dataDir}），虚拟时钟从 2024-01-02 开始…`);
  const { buildWeb } = await import('../../web/build');
  const { startLocalSystem } = await import('../runtime');
  const { DEMO_DEPARTMENT, DEMO_START, DEMO_TOWN, DEMO_YEAR, fillDemo } = await import('../demo');
  let system: Awaited<ReturnType<typeof startLocalSystem>>;
  try {
    await buildWeb();
    system = await startLocalSystem({ dataDir, port, virtualClock: new Date(DEMO_START) });
  } catch (error) {
    await logs?.restore();
    console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  let code = 0;
  try {
    const summary = await fillDemo(system, say);
    const web = system.urls.web ?? '';
    say(
      [
        `演示系统已就绪（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）：${DEMO_YEAR} 年 ${summary.cases} 件申请，${summary.emails} 封邮件；虚拟时钟停在 2025-01-02 09:00（北京时间）。`,
        `  工作台：     ${web}console.html（粘贴令牌登录）`,
        `    聂堆镇人民政府工作人员：   ${system.tokens.tokenFor(DEMO_TOWN)}`,
        `    西华县自然资源局工作人员： ${system.tokens.tokenFor(DEMO_DEPARTMENT)}`,
        `    管理员（也用于本地邮件页）：${system.adminToken}`,
        `  本地邮件：   ${system.urls.mail}（提醒、督办、自动办结和年度报告的邮件都在这里）`,
        `  年度报告：   ${web}console.html#/reports/${DEMO_TOWN}/${DEMO_YEAR}（${summary.reports.every((r) => r.status === 200) ? '已发布' : '草稿'}），${web}console.html#/reports/${DEMO_DEPARTMENT}/${DEMO_YEAR}（草稿）`,
        `  公开报告：   ${web}reports.html`,
        `  数据目录：   ${dataDir}${logs ? `（日志 ${logs.file}）` : ''}`,
        values.exit ? '（--exit：演示数据已生成，现在停止。）' : '按 Ctrl-C 停止。',
      ].join('\n'),
    );
    if (!values.exit) {
      await stopSignal(say);
      say('正在停止…');
    }
  } catch (error) {
    await logs?.restore();
    console.error(error instanceof Error ? error.message : String(error));
    code = 1;
  }
  const stopped = await boundedStop(() => system.stop(), logs?.warn ?? ((text: string) => console.error(text)));
  if (stopped === 0 && !values.exit) say('已停止。');
  code ||= stopped;
  await logs?.restore();
  // Idle keep-alive sockets of the in-process SDK clients would hold the process open for a minute.
  process.exit(code);
}
