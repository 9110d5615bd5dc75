import { parseArgs } from 'node:util';
import { startLocalSystem } from '../runtime';

/** `gongkai start`: the whole system on this machine; prints its URLs and staff tokens; Ctrl-C stops it. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      data: { type: 'string', default: '.gongkai' },
      'virtual-clock': { type: 'string' },
      'staff-token': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port 无效: ${values.port}`);
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
  const started = Date.now();
  // The pages are bundled with the project's own esbuild at every start, so `npm start` needs no build step.
  const { buildWeb } = await import('../../web/build');
  await buildWeb();
  const system = await startLocalSystem({
    dataDir: values.data,
    port,
    ...(virtualClock ? { virtualClock } : {}),
    ...(values['staff-token'] ? { staffToken: values['staff-token'] } : {}),
  });
  const lines = [
    `gongkai 本地系统已启动 (${Date.now() - started} ms)`,
    `  web:   ${system.urls.web}`,
    `  api:   ${system.urls.api}`,
    `  mail:  ${system.urls.mail}`,
    `  clock: ${system.clock.virtual ? `virtual, ${system.clock.now().toISOString()} (PUT /_local/clock)` : 'real time'}`,
    `  data:  ${values.data}`,
    '  staff tokens (Authorization: Bearer <token>):',
    ...Object.entries(system.headTokens).flatMap(([agency, head]) => [
      `    ${agency} officer: ${system.staffTokens[agency]}`,
      `    ${agency} head:    ${head}`,
    ]),
    `    admin (every role, every agency): ${system.adminToken}`,
    '按 Ctrl-C 停止。',
  ];
  console.log(lines.join('\n'));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('正在停止…');
  await system.stop();
  console.log('已停止。');
  // Idle keep-alive sockets of the in-process SDK clients would hold the process open for a minute.
  process.exit(0);
}
