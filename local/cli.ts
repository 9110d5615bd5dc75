import './esm-interop';
import { UsageError } from './args';
/**
 * `gongkai` command line: `start` (the local system), `deadline` (statutory calculator), `report`.
 * Each command lives in `local/commands/<name>.ts` and exports `run(args): Promise<number>`.
 */
const USAGE = `gongkai — 政府信息公开申请办理系统

用法：
  gongkai start [--port N] [--data DIR] [--virtual-clock ISO | --clock-start ISO] [--staff-token T] [--verbose]
  gongkai demo [--port N] [--data DIR] [--exit] [--verbose]
  gongkai deadline --received YYYY-MM-DD [--pause FROM/TO]... [--explain]
  gongkai report --agency ID --year YYYY [--format md|html|json|docx] [--out FILE] [--api URL] [--token T]
  gongkai --help`;

const COMMANDS: Record<string, () => Promise<{ run: (args: string[]) => Promise<number> }>> = {
  start: () => import('./commands/start'),
  demo: () => import('./commands/demo'),
  deadline: () => import('./commands/deadline'),
  report: () => import('./commands/report'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`未知命令: ${name}\n\n${USAGE}`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !['start', 'demo'].includes(process.argv[2] ?? '')) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
