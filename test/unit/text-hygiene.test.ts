import { SUBMIT_REQUEST_FIELD_LABELS, makeSubmitRequestSchema } from '../../functions/intake/schema';
import {
  describeZodError,
  hasVisibleCharacter,
  integer,
  optionalText,
  text,
} from '../../functions/shared/http/validation';
import { sampleApplication } from '../support/local-system';

const submitRequestSchema = makeSubmitRequestSchema();

/** Text and numbers at the edge (functions/shared/http/validation.ts): what a form may send, and what it may not. */
const messageOf = (result: { success: boolean; error?: Parameters<typeof describeZodError>[0] }) =>
  result.error ? describeZodError(result.error).fields[0]?.message : undefined;

describe('text fields', () => {
  const name = text('申请人姓名', { max: 100 });

  it.each([
    ['NUL', 'a\u0000b', '申请人姓名不能含有控制字符'],
    ['an ANSI escape sequence', '\u001b[31m张三\u001b[0m', '申请人姓名不能含有控制字符'],
    ['a C1 control', '张\u0085三', '申请人姓名不能含有控制字符'],
    ['a bidirectional override', '张\u202e三', '申请人姓名不能含有控制字符'],
    ['zero-width characters only', '\u200b\u200c\u200d\ufeff', '申请人姓名不能为空'],
    ['ideographic spaces only', '\u3000\u3000', '申请人姓名不能为空'],
    ['a lone high surrogate', '张\ud840', '申请人姓名含有无效字符（不成对的代理项）'],
    ['a lone low surrogate', '\udc00三', '申请人姓名含有无效字符（不成对的代理项）'],
  ])('refuses %s, naming the field', (_what, value, message) => {
    // Act
    const result = name.safeParse(value);
    // Assert
    expect(result.success).toBe(false);
    expect(messageOf(result)).toBe(message);
  });

  it.each([
    ['Extension B', '𠀀'],
    ['Extension C', '𪜀'],
    ['Extension D', '𫝀'],
    ['Extension E/F', '𬺰'],
    ['Extension G', '𰀀'],
    ['a common name', '欧阳娜娜'],
    ['a name with a middle dot', '买买提·艾力'],
  ])('accepts %s (%s)', (_what, value) => {
    expect(name.safeParse(value)).toEqual({ success: true, data: value });
  });

  it('normalises to NFC and trims', () => {
    // Arrange: e + combining acute accent, surrounded by ideographic spaces.
    const decomposed = '\u3000Jose\u0301 王\u3000';
    // Act / Assert
    expect(name.parse(decomposed)).toBe('José 王'.normalize('NFC'));
    expect(name.parse(decomposed)).toBe('Jos\u00e9 王');
  });

  it('keeps line breaks and tabs inside long text', () => {
    const description = text('所需信息的内容描述', { max: 2000 });
    expect(description.parse('第一行\n第二行\t附注')).toBe('第一行\n第二行\t附注');
  });

  it('treats an optional value without a visible character as absent', () => {
    const documentNumber = optionalText('所需信息的文号', { max: 100 });
    expect(documentNumber.parse('\u200b \u2060')).toBeUndefined();
    expect(documentNumber.safeParse('聂政\u0000').success).toBe(false);
  });

  it('counts zero-width joiners inside visible text as visible text', () => {
    expect(hasVisibleCharacter('👩\u200d💻')).toBe(true);
    expect(hasVisibleCharacter('\u200b\u00ad\u2060')).toBe(false);
  });

  it('refuses an application whose applicant name is made of zero-width characters, naming the field in Chinese', () => {
    // Arrange
    const body = sampleApplication();
    (body.applicant as Record<string, unknown>).name = '\u200b\u200b\u200b';
    // Act
    const result = submitRequestSchema.safeParse(body);
    // Assert
    expect(result.success).toBe(false);
    const fields = result.error ? describeZodError(result.error, SUBMIT_REQUEST_FIELD_LABELS).fields : [];
    expect(fields).toEqual([{ path: 'applicant.name', message: expect.stringMatching(/^申请人.*不能为空$/) }]);
  });
});

describe('numbers', () => {
  const count = integer('主动公开规章本年新制作数量', { min: 0 });

  it.each([1e21, 1.79e308, 2 ** 53])('refuses %d, beyond what DynamoDB and JavaScript hold exactly', (value) => {
    const result = count.safeParse(value);
    expect(result.success).toBe(false);
    expect(messageOf(result)).toBe('主动公开规章本年新制作数量超出允许的范围');
  });

  it('accepts the largest safe integer', () => {
    expect(count.parse(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
