/**
 * What a person does on gongkai's pages, as steps the browser tests share: fill the application form,
 * sign in to the console, look up a status. Fields are found by their visible labels, as a person
 * (or a screen reader) finds them.
 */
import type { Page } from 'playwright-core';

export interface ApplicationInput {
  agencyName: string;
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  description: string;
  documentNumber: string;
}

export const PERSON: ApplicationInput = {
  agencyName: '聂堆镇人民政府',
  name: '李秀英',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  email: 'lixiuying@example.cn',
  address: '河南省周口市西华县聂堆镇幸福路8号',
  description: '请公开2024年聂堆镇农村道路修缮工程的招标公告和中标结果。',
  documentNumber: '聂政〔2024〕12号',
};

/** The form's text fields by label, with the value each should hold. */
export function typedFields(input: ApplicationInput): Array<[label: string, value: string]> {
  return [
    ['姓名', input.name],
    ['证件号码', input.idNumber],
    ['联系电话', input.phone],
    ['电子邮箱', input.email],
    ['通信地址', input.address],
    ['所需信息的内容描述', input.description],
    ['文号', input.documentNumber],
  ];
}

/** Opens the form and fills it as a person applying for themselves (resident ID, electronic by email). */
export async function fillApplication(page: Page, baseUrl: string, input: ApplicationInput): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('受理机关').selectOption({ label: input.agencyName });
  await page.getByLabel('自然人（个人）').check();
  await page.getByLabel('证件类型').selectOption({ label: '居民身份证' });
  for (const [label, value] of typedFields(input)) await page.getByLabel(label, { exact: false }).first().fill(value);
  await page.getByLabel('电子', { exact: true }).check();
  await page.getByLabel('电子邮件', { exact: true }).check();
}

/** Signs in to the console with a staff token and waits for the work list. */
export async function signInToConsole(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/console.html#/`);
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#work-list').waitFor();
}

/** Looks up an application's status with its receipt number and tracking code. */
export async function lookUpStatus(page: Page, baseUrl: string, receiptNumber: string, code: string): Promise<void> {
  await page.goto(`${baseUrl}/status.html?r=${encodeURIComponent(receiptNumber)}`);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.locator('#status-label').waitFor();
}
