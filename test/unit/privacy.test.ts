import { createHash } from 'node:crypto';
import {
  maskAddress,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  redactForLog,
  redactText,
  workListName,
} from '../../functions/shared/privacy';
import { makeLogger, type LogLevel } from '../../functions/shared/log';
import {
  TRACKING_CODE_ALPHABET,
  generateTrackingCode,
  hashTrackingCode,
  isWellFormedTrackingCode,
  normalizeTrackingCode,
  trackingCodeMatches,
} from '../../functions/shared/tracking-code';
import { escapeHtml } from '../../functions/shared/html';

describe('masks', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['91350100M000100Y43', '913501********0Y43'],
    ['E12345678', 'E1*****78'],
    ['AB12', '****'],
  ])('masks the identity number %s as %s', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['010-12345678', '010-******78'],
    ['0571-8888888-123', '0571-*****88-***'],
  ])('masks the phone number %s as %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it.each([
    ['zhangsan@example.com', 'z***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    ['not-an-email', '********'],
  ])('masks the email %s as %s', (input, masked) => {
    expect(maskEmail(input)).toBe(masked);
  });

  it.each([
    ['北京市朝阳区建国路88号', '北京市朝阳区****'],
    ['某村', '某村****'],
  ])('masks the address %s as %s', (input, masked) => {
    expect(maskAddress(input)).toBe(masked);
  });

  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '李*'],
  ])('masks the name %s as %s', (input, masked) => {
    expect(maskName(input)).toBe(masked);
  });
});

describe('workListName', () => {
  it.each([
    ['natural_person', '张三', '张*'],
    ['commercial_enterprise', '西华县华夏建材有限公司', '西华县华夏建材有限公司'],
    ['research_institution', ' 河南省农业科学院 ', '河南省农业科学院'],
    ['legal_service_org', '北京市某某律师事务所', '北京市某某律师事务所'],
    ['other_org', '西华县某村民委员会', '西华县某村民委员会'],
  ] as const)('shows a %s named %s as %s', (type, name, shown) => {
    expect(workListName({ type, name })).toBe(shown);
  });
});

describe('redactForLog', () => {
  const applicant = {
    type: 'natural_person',
    name: '张三',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    email: 'zhangsan@example.com',
    address: '北京市朝阳区建国路88号',
  };

  it('masks the personal fields of a nested applicant and leaves the rest', () => {
    expect(redactForLog({ caseId: 'c-1', body: { applicant, agencyId: 'niedui-town' } })).toEqual({
      caseId: 'c-1',
      body: {
        agencyId: 'niedui-town',
        applicant: {
          type: 'natural_person',
          name: '张*',
          idType: 'resident_id',
          idNumber: '110105********002X',
          phone: '138****5678',
          email: 'z***@example.com',
          address: '北京市朝阳区****',
        },
      },
    });
  });

  it('does not change its input', () => {
    const input = { applicant: { ...applicant } };
    redactForLog(input);
    expect(input.applicant).toEqual(applicant);
  });

  it('masks identity numbers, mobile numbers and emails inside any string, in arrays too', () => {
    const out = redactForLog({
      note: '申请人身份证11010519491231002X，电话13812345678，邮箱zhangsan@example.com',
      lines: ['回电 +86 13912345678'],
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('zhangsan@');
    expect(text).toContain('110105********002X');
    expect(text).toContain('138****5678');
  });

  it('leaves digit runs that are not identity or mobile numbers alone', () => {
    expect(redactText('收据 2024-000123，时间戳 1729651200000，编号 A13812345678B')).toBe(
      '收据 2024-000123，时间戳 1729651200000，编号 A13812345678B',
    );
  });

  it('hides tracking codes and authorization headers entirely', () => {
    expect(redactForLog({ trackingCode: 'K7P3MZ9QXA', headers: { authorization: 'Bearer abc' } })).toEqual({
      trackingCode: '**********',
      headers: { authorization: '***' },
    });
  });

  it('turns errors into plain objects with masked messages', () => {
    const out = redactForLog({ err: new Error('电话13812345678无效') }) as { err: Record<string, unknown> };
    expect(out.err.name).toBe('Error');
    expect(out.err.message).toBe('电话138****5678无效');
    expect(String(out.err.stack)).not.toContain('13812345678');
  });

  it('keeps the name of an error already serialised as { name, message } but still masks a person', () => {
    const out = redactForLog({
      error: { name: 'Error', message: '电话13812345678无效' },
      other: { name: 'TypeError', message: 'x', stack: 'TypeError: x' },
      applicant: { name: '张三', phone: '13812345678' },
    });
    expect(out).toEqual({
      error: { name: 'Error', message: '电话138****5678无效' },
      other: { name: 'TypeError', message: 'x', stack: 'TypeError: x' },
      applicant: { name: '张*', phone: '138****5678' },
    });
  });

  it('survives cycles, dates and bigints', () => {
    const a: Record<string, unknown> = { at: new Date('2024-10-23T01:00:00.000Z'), n: 10n };
    a.self = a;
    expect(redactForLog(a)).toEqual({ at: '2024-10-23T01:00:00.000Z', n: '10', self: '[Circular]' });
  });

  it('keeps a value seen twice without a cycle', () => {
    const shared = { phone: '13812345678' };
    expect(redactForLog({ a: shared, b: shared })).toEqual({
      a: { phone: '138****5678' },
      b: { phone: '138****5678' },
    });
  });
});

describe('log', () => {
  function capture() {
    const lines: { level: LogLevel; line: string }[] = [];
    const logger = makeLogger({
      write: (level, line) => lines.push({ level, line }),
      now: () => new Date('2024-10-23T01:00:00.000Z'),
      base: { service: 'intake' },
    });
    return { lines, logger };
  }

  it('writes one JSON line with level, time, message and masked data', () => {
    const { lines, logger } = capture();
    logger.info('application received', { applicant: { name: '张三', idNumber: '11010519491231002X' } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]?.line ?? '')).toEqual({
      level: 'info',
      time: '2024-10-23T01:00:00.000Z',
      msg: 'application received',
      service: 'intake',
      applicant: { name: '张*', idNumber: '110105********002X' },
    });
  });

  it('masks personal data in the message itself and routes warn and error by level', () => {
    const { lines, logger } = capture();
    logger.warn('电话13812345678重复');
    logger.error('failed', { err: new Error('x') });
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
    expect(lines[0]?.line).not.toContain('13812345678');
    expect(lines.every((l) => !l.line.includes('\n'))).toBe(true);
  });

  it('names the Lambda request id and function inside an invocation (Powertools context) and never lets data override the level', () => {
    const { lines, logger } = capture();
    logger.powertools.addContext({
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      functionName: 'Gongkai-Intake',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:Gongkai-Intake',
      memoryLimitInMB: '512',
      getRemainingTimeInMillis: () => 1000,
    } as never);
    logger.info('application registered', { level: 'error', phone: '13812345678' });
    expect(JSON.parse(lines[0]?.line ?? '')).toMatchObject({
      level: 'info',
      msg: 'application registered',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      function: 'Gongkai-Intake',
      phone: '138****5678',
    });
    expect(lines[0]?.level).toBe('info');
  });
});

describe('tracking code', () => {
  it('generates 10 characters from the unambiguous alphabet, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateTrackingCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      expect(isWellFormedTrackingCode(code)).toBe(true);
    }
    expect(TRACKING_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('hashes with SHA-256 to lowercase hex, ignoring case, spaces and hyphens', () => {
    expect(hashTrackingCode('K7P3MZ9QXA')).toBe(createHash('sha256').update('K7P3MZ9QXA').digest('hex'));
    expect(hashTrackingCode('k7p3-mz9 qxa')).toBe(hashTrackingCode('K7P3MZ9QXA'));
    expect(normalizeTrackingCode(' k7p3-mz9qxa ')).toBe('K7P3MZ9QXA');
  });

  it('checks a presented code against the stored hash', () => {
    const stored = hashTrackingCode('K7P3MZ9QXA');
    expect(trackingCodeMatches('k7p3mz9qxa', stored)).toBe(true);
    expect(trackingCodeMatches('K7P3MZ9QXB', stored)).toBe(false);
    expect(trackingCodeMatches('K7P3MZ9QXA', 'not-hex')).toBe(false);
  });

  it.each(['K7P3MZ9QX', 'K7P3MZ9QXA1', 'K7P3MZ9QX0', 'K7P3MZ9QXI'])('rejects the malformed code %s', (code) => {
    expect(isWellFormedTrackingCode(code)).toBe(false);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
