import * as path from 'node:path';
import { parseCommandArgs } from '../args';
import { routeLogsToFile, type LogRouting } from '../log-file';
import { beijingTime } from '../mail-page';
import type { LocalSystem } from '../runtime';
import { assertPortFree, PortInUseError } from '../port';
import { boundedStop, stopSignal } from '../stop';

/**
 * `gongkai start`: the whole system on this machine; prints its URLs and staff tokens; Ctrl-C stops it.
 * The handlers' log lines go to `<data>/logs/gongkai.log` unless `--verbose`.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      data: { type: 'string', default: '.gongkai' },
      'virtual-clock': { type: 'string' },
      'clock-start': { type: 'string' },
      'staff-token': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    console.error(`--port 无效: ${values.port}（应为 0–65535 的整数，0 表示自动选择）`);
    return 2;
  }
  let virtualClock: Date | undefined;
  if (values['virtual-clock']) {
    virtualClock = new Date(values['virtual-clock']);
    if (Number.isNaN(virtualClock.getTime())) {
      console.error(`--virtual-clock 必须是 ISO 时间，例如 2024-09-27T10:00:00+08:00: ${values['virtual-clock']}`);
      return 2;
    }
  }
  let clockStart: Date | undefined;
  if (values['clock-start']) {
    clockStart = new Date(values['clock-start']);
    if (Number.isNaN(clockStart.getTime()) || virtualClock) {
      console.error(`--clock-start 必须是 ISO 时间，且不能与 --virtual-clock 同用: ${values['clock-start']}`);
      return 2;
    }
  }
  const started = Date.now();
  try {
    // Before the seconds of building and synthesising: a busy port is said at once.
    await assertPortFree(port);
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    console.error(error.message);
    return 1;
  }
  const logs: LogRouting | undefined = values.verbose ? undefined : routeLogsToFile(values.data);
  const say = logs?.say ?? ((text: string) => console.log(text));
  const fail = async (message: string): Promise<never> => {
    await logs?.restore();
    console.error(message);
    // Idle sockets of the in-process SDK clients would hold the process open.
    process.exit(1);
  };
  let system: LocalSystem;
  try {
    // Loaded only now (the AWS SDK, CDK): the checks above answer at once.
    const { startLocalSystem } = await import('../runtime');
    // The pages are bundled with the project's own esbuild at every start, so `npm start` needs no build step.
    const { buildWeb } = await import('../../web/build');
    await buildWeb();
    system = await startLocalSystem({
      dataDir: values.data,
      port,
      ...(virtualClock ? { virtualClock } : {}),
      ...(clockStart ? { clockStart } : {}),
      ...(values['staff-token'] ? { staffToken: values['staff-token'] } : {}),
    });
  } catch (error) {
    return fail(
      error instanceof PortInUseError
        ? error.message
        : `启动失败：${error instanceof Error ? error.message : String(error)}${logs ? `（详见 ${logs.file}）` : ''}`,
    );
  }
  const web = system.urls.web ?? '';
  const lines = [
    `gongkai 本地系统已启动（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
    `  申请表：   ${web}`,
    `  查询页：   ${web}status.html`,
    `  工作台：   ${web}console.html`,
    `  本地邮件： ${system.urls.mail}`,
    `  接口：     ${system.urls.api}`,
    `  时钟：     ${system.clock.virtual ? `虚拟时钟，现在是北京时间 ${beijingTime(system.clock.now().toISOString())}（PUT /_local/clock 调整）` : clockStart ? `实时，自 ${beijingTime(clockStart.toISOString())} 起` : '实时'}`,
    `  数据目录： ${path.resolve(values.data)}`,
    `  日志：     ${logs ? `${logs.file}（加 --verbose 在终端显示）` : '在终端显示'}`,
    '  工作人员令牌（在工作台粘贴，或作 Authorization: Bearer <令牌>）：',
    ...Object.entries(system.headTokens).flatMap(([agency, head]) => [
      `    ${agency} 工作人员：${system.staffTokens[agency]}`,
      `    ${agency} 负责人：  ${head}`,
    ]),
    `    管理员（全部机构、全部角色，也用于本地邮件页）：${system.adminToken}`,
    '按 Ctrl-C 停止。',
  ];
  say(lines.join('\n'));
  await stopSignal(say);
  say('正在停止…');
  const code = await boundedStop(() => system.stop(), logs?.warn ?? ((text: string) => console.error(text)));
  if (code === 0) say('已停止。');
  await logs?.restore();
  // Idle keep-alive sockets of the in-process SDK clients would hold the process open for a minute.
  process.exit(code);
}
