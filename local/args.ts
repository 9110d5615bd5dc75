import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake, already worded in Chinese for the user (the command exits with code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Node's `parseArgs` with its English errors ("Option '--received <value>' argument missing", "Unknown option
 * '--x'") turned into Chinese `UsageError`s naming the option.
 *
 * @example parseCommandArgs({ args: ['--received'], options: { received: { type: 'string' } } }) // throws UsageError('选项 --received 缺少取值')
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(argumentErrorInChinese(error));
  }
}

/** The Chinese wording of a `parseArgs` error (its `code` says which kind; the message names the option). */
export function argumentErrorInChinese(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message)
        ? `选项 ${option} 缺少取值`
        : /does not take an argument/.test(message)
          ? `选项 ${option} 不需要取值`
          : `选项 ${option} 的取值无效`;
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
      return `多余的参数 ${argument}`;
    }
    default:
      return `参数错误：${message}`;
  }
}
