import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function deadline(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, [path.join(root, 'local', 'cli.ts'), 'deadline', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gongkai deadline', () => {
  it('prints the supplement-notice, reply and extended deadlines of an application received 2024-09-27', () => {
    // Act
    const { code, stdout } = deadline('--received', '2024-09-27');
    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      supplementNoticeDue: '2024-10-12',
      replyDue: '2024-10-30',
      extendedDue: '2024-11-27',
      provisional: false,
    });
  });

  it('reproduces the 2022 court case: received 2022-09-30, due 2022-11-02', () => {
    // Act
    const { code, stdout } = deadline('--received', '2022-09-30');
    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(stdout).replyDue).toBe('2022-11-02');
  });

  it('moves replyDue and extendedDue but not supplementNoticeDue for each pause, and explains the days', () => {
    // Act
    const { code, stdout } = deadline(
      '--received',
      '2024-09-27',
      '--pause',
      '2024-10-09/2024-10-11',
      '--pause',
      '2024-10-21/2024-10-22',
      '--explain',
    );
    const output = JSON.parse(stdout);
    // Assert
    expect(code).toBe(0);
    expect(output).toMatchObject({
      supplementNoticeDue: '2024-10-12',
      replyDue: '2024-11-04',
      extendedDue: '2024-12-02',
    });
    expect(output.explanation.days[0]).toMatchObject({ date: '2024-09-27', reason: 'start_day' });
    expect(output.explanation.days.filter((d: { counted: boolean }) => d.counted)).toHaveLength(40);
  });

  it('says provisional when the period reaches a year without a holiday notice', () => {
    // Act
    const { stdout } = deadline('--received', '2026-12-20');
    // Assert
    expect(JSON.parse(stdout).provisional).toBe(true);
  });

  it.each([
    [[], '缺少 --received'],
    [['--received', '2024-02-30'], '日期无效'],
    [['--received', '2024-09-27', '--pause', '2024-10-09'], '--pause 格式无效'],
    [['--received', '2024-09-27', '--pause', '2024-10-11/2024-10-09'], '早于开始日'],
    [['--received', '2024-09-27', '--bogus'], '未知选项 --bogus'],
    [['--received'], '选项 --received 缺少取值'],
    [['--received', '2024-09-27', '--explain=yes'], '选项 --explain 不需要取值'],
    [['--received', '2024-09-27', 'extra'], '多余的参数 extra'],
  ])('rejects %j with a Chinese message and exit code 2', (args, message) => {
    // Act
    const { code, stdout, stderr } = deadline(...args);
    // Assert
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/Option|Unknown|argument/);
  });
});
