/**
 * The case file through the HTTP API on a local system (design.md §9, issue 12): one document of each kind
 * numbered 1…N for the agency-year and read back as Word (acceptance 1); the applicant's documents and
 * attachments with the tracking code, 404 for a wrong code or another case, 403 for another agency's staff
 * (acceptance 3); uploads byte-identical, a mismatch removed, 21 MB refused, names sanitised (acceptance 4);
 * service recorded; the emails carrying their documents as MIME attachments (acceptance 6).
 */
import { readDocx } from '../support/docx-read';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { announceAndPut, type UploadTicket as Ticket } from '../support/uploads';

interface DocumentView {
  documentId: string;
  kind: string;
  number: string;
  issuedOn: string;
  title: string;
  forApplicant: boolean;
  service: { method: string; servedOn: string; recordedBy: string; trackingNumber?: string }[];
}
interface ApiError {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 7), Buffer.from('\n%%EOF\n')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 3), Buffer.from([0xff, 0xd9])]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('case file: documents, attachments, service (2024 case under the virtual clock)', () => {
  let t: TestSystem;
  let niedui: string;
  let caseId: string;
  let receiptNumber: string;
  let trackingCode: string;
  let version: number;

  const act = async (body: Record<string, unknown>) => {
    const answer = await t.api<{ case: { version: number } } & ApiError>('POST', `/v1/cases/${caseId}/actions`, {
      token: niedui,
      body: { expectedVersion: version, ...body },
    });
    expect({ type: body.type, status: answer.status, error: answer.body.error }).toEqual({
      type: body.type,
      status: 200,
      error: undefined,
    });
    version = answer.body.case.version;
  };
  const at = (date: string) => t.advanceTo(new Date(`${date}T10:00:00+08:00`).toISOString());
  const documents = async () =>
    (await t.api<DocumentView[]>('GET', `/v1/cases/${caseId}/documents`, { token: niedui })).body;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
    niedui = t.tokens['niedui-town'] ?? '';
    const { agencyId, applicant, information, delivery } = sampleApplication();
    const registered = await t.api<{
      case: { caseId: string; receiptNumber: string; version: number };
      trackingCode: string;
      receipt: { documentId: string; number: string; html: string };
    }>('POST', '/v1/cases', {
      token: niedui,
      body: { agencyId, channel: 'in_person', receivedOn: '2024-09-27', applicant, information, delivery },
    });
    expect(registered.status).toBe(201);
    ({ caseId, receiptNumber, version } = registered.body.case);
    trackingCode = registered.body.trackingCode;
    // The 登记回执 handed over carries the tracking code; the stored receipt does not.
    expect(registered.body.receipt.html).toContain(trackingCode);
    expect(registered.body.receipt.html).toContain('政府信息公开申请登记回执');

    await at('2024-10-08');
    await act({ type: 'request_supplement', items: '请写明工程名称或文号', periodWorkingDays: 10 });
    await at('2024-10-15');
    await act({ type: 'supplement_received', receivedOn: '2024-10-15' });
    await at('2024-11-08');
    await act({ type: 'extend', workingDays: 10, approver: '李主任', reason: '需要调取档案' });
    await at('2024-11-11');
    await act({
      type: 'start_consultation',
      party: 'third_party',
      name: '某建设有限公司',
      question: '招标文件中贵公司的报价',
    });
    await at('2024-11-29');
    const consultationId = (
      await t.api<{ events: { event: { type: string; consultationId?: string } }[] }>('GET', `/v1/cases/${caseId}`, {
        token: niedui,
      })
    ).body.events.find((e) => e.event.type === 'consultation_started')?.event.consultationId;
    await act({ type: 'end_consultation', consultationId, endedOn: '2024-11-20' });
    await act({ type: 'issue_fee_notice', method: 'by_pages', pages: 150, sentOn: '2024-11-21' });
    await act({ type: 'fee_paid', paidOn: '2024-11-25' });
    await act({
      type: 'reply',
      outcome: 'partially_disclosed',
      repliedOn: '2024-11-29',
      summary: '第3页涉及个人隐私，已作遮盖',
    });
  }, 240_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('has exactly one document of each kind, numbered 1…6 for the agency-year, each Word file A4 with the §9 margins', async () => {
    const docs = await documents();
    expect(docs.map((d) => [d.kind, d.number, d.issuedOn])).toEqual([
      ['receipt', '聂政公开〔2024〕1号', '2024-09-27'],
      ['supplement_notice', '聂政公开〔2024〕2号', '2024-10-08'],
      ['extension_notice', '聂政公开〔2024〕3号', '2024-11-08'],
      ['consultation_letter', '聂政公开〔2024〕4号', '2024-11-11'],
      ['fee_notice', '聂政公开〔2024〕5号', '2024-11-21'],
      ['reply', '聂政公开〔2024〕6号', '2024-11-29'],
    ]);
    const expected: Record<string, string[]> = {
      receipt: ['2024年9月27日', '2024年10月30日前', '第三十一条'],
      supplement_notice: ['2024年10月21日前', '第三十条'],
      extension_notice: ['2024年11月12日前', '2024年11月26日前', '第三十三条第二款'],
      consultation_letter: ['2024年12月2日前', '第三十二条'],
      fee_notice: ['1,700元', '2024年12月19日前'],
      reply: ['部分公开', '第三十七条', '六十日内向西华县人民政府申请行政复议', '六个月内向西华县人民法院提起行政诉讼'],
    };
    for (const doc of docs) {
      const response = await fetch(`${t.baseUrl}/v1/cases/${caseId}/documents/${doc.documentId}?format=docx`, {
        headers: { authorization: `Bearer ${niedui}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('wordprocessingml');
      const word = readDocx(new Uint8Array(await response.arrayBuffer()));
      expect(word.page).toMatchObject({
        width: 11906,
        height: 16838,
        margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
      });
      const text = word.paragraphs.join('\n');
      expect(text).toContain(receiptNumber);
      expect(text).toContain(doc.number);
      for (const phrase of expected[doc.kind] ?? []) expect(text).toContain(phrase);
    }
    const html = await t.api<string>('GET', `/v1/cases/${caseId}/documents/${docs[5]?.documentId}?format=html`, {
      token: niedui,
    });
    expect(html.status).toBe(200);
    expect(html.body).toContain('@page { size: A4');
    // The stored receipt never carries the tracking code (it is shown once, at registration).
    const receipt = await t.api<string>('GET', `/v1/cases/${caseId}/documents/${docs[0]?.documentId}?format=html`, {
      token: niedui,
    });
    expect(receipt.body).not.toContain(trackingCode);
  });

  it('lets the applicant list and download their documents (not the consultation letter) with the tracking code', async () => {
    const mine = await t.api<DocumentView[]>(
      'GET',
      `/v1/requests/${receiptNumber}/documents?code=${encodeURIComponent(trackingCode)}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.map((d) => d.kind)).toEqual([
      'receipt',
      'supplement_notice',
      'extension_notice',
      'fee_notice',
      'reply',
    ]);
    const reply = mine.body.find((d) => d.kind === 'reply');
    const file = await fetch(
      `${t.baseUrl}/v1/requests/${receiptNumber}/documents/${reply?.documentId}?code=${encodeURIComponent(trackingCode)}&format=docx`,
    );
    expect(file.status).toBe(200);
    expect(readDocx(new Uint8Array(await file.arrayBuffer())).paragraphs.join('')).toContain('答复结果：部分公开');
    const letter = (await documents()).find((d) => d.kind === 'consultation_letter');
    const hidden = await t.api<ApiError>(
      'GET',
      `/v1/requests/${receiptNumber}/documents/${letter?.documentId}?code=${encodeURIComponent(trackingCode)}`,
    );
    expect(hidden.status).toBe(404);
  });

  it('answers 404 revealing nothing for a wrong code or another case, and 403 to another agency', async () => {
    const wrong = await t.api<ApiError>('GET', `/v1/requests/${receiptNumber}/documents?code=WRONG-CODE`);
    expect(wrong.status).toBe(404);
    expect(JSON.stringify(wrong.body)).not.toContain('receipt');
    const other = await t.api<{ case: { receiptNumber: string }; trackingCode: string }>('POST', '/v1/cases', {
      token: niedui,
      body: {
        ...(({ agencyId, applicant, information, delivery }) => ({ agencyId, applicant, information, delivery }))(
          sampleApplication(),
        ),
        channel: 'fax',
        receivedOn: '2024-11-29',
      },
    });
    const reply = (await documents()).find((d) => d.kind === 'reply');
    const crossCase = await t.api<ApiError>(
      'GET',
      `/v1/requests/${other.body.case.receiptNumber}/documents/${reply?.documentId}?code=${encodeURIComponent(other.body.trackingCode)}`,
    );
    expect(crossCase.status).toBe(404);
    const codeOfOther = await t.api<ApiError>(
      'GET',
      `/v1/requests/${receiptNumber}/attachments?code=${encodeURIComponent(other.body.trackingCode)}`,
    );
    expect(codeOfOther.status).toBe(404);
    for (const route of [
      `/v1/cases/${caseId}/documents`,
      `/v1/cases/${caseId}/documents/${reply?.documentId}`,
      `/v1/cases/${caseId}/attachments`,
    ]) {
      const forbidden = await t.api<ApiError>('GET', route, { token: t.tokens['xihua-county'] ?? '' });
      expect({ route, status: forbidden.status }).toEqual({ route, status: 403 });
    }
  });

  const upload = async (
    route: string,
    body: Record<string, unknown>,
    bytes: Buffer,
    token?: string,
  ): Promise<{ ticket: Ticket; completed: { status: number; body: unknown } }> => {
    const ticket = await announceAndPut(t, route, body, bytes, token);
    const [path, query = ''] = route.split('?');
    const completed = await t.api('POST', `${path}/${ticket.attachmentId}/complete${query ? `?${query}` : ''}`, {
      ...(token ? { token } : {}),
    });
    return { ticket, completed };
  };

  it('uploads a PDF, a JPEG and a DOCX and downloads them byte-identical; names are sanitised', async () => {
    const replyId = (await documents()).find((d) => d.kind === 'reply')?.documentId ?? '';
    const docx = Buffer.from(
      await (
        await fetch(`${t.baseUrl}/v1/cases/${caseId}/documents/${replyId}?format=docx`, {
          headers: { authorization: `Bearer ${niedui}` },
        })
      ).arrayBuffer(),
    );
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const files = [
      {
        fileName: '../../etc/申请书扫描件.pdf',
        contentType: 'application/pdf',
        bytes: PDF,
        sanitized: '申请书扫描件.pdf',
      },
      { fileName: '签收\u0000凭证\u202e.jpg', contentType: 'image/jpeg', bytes: JPEG, sanitized: '签收凭证.jpg' },
      {
        fileName: 'C:\\公开\\答复材料.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: docx,
        sanitized: '答复材料.docx',
      },
    ];
    for (const f of files) {
      const { ticket, completed } = await upload(
        `/v1/cases/${caseId}/attachments`,
        {
          fileName: f.fileName,
          contentType: f.contentType,
          size: f.bytes.length,
          purpose: 'reply',
          forApplicant: true,
        },
        f.bytes,
        niedui,
      );
      expect(ticket.fileName).toBe(f.sanitized);
      expect(completed.status).toBe(200);
      const link = await t.api<{ downloadUrl: string }>(
        'GET',
        `/v1/cases/${caseId}/attachments/${ticket.attachmentId}`,
        {
          token: niedui,
        },
      );
      const downloaded = Buffer.from(await (await fetch(link.body.downloadUrl)).arrayBuffer());
      expect(downloaded.equals(f.bytes)).toBe(true);
    }
    // The applicant sees the files marked for them and downloads them with the tracking code.
    const code = encodeURIComponent(trackingCode);
    const theirs = await t.api<{ attachmentId: string; fileName: string }[]>(
      'GET',
      `/v1/requests/${receiptNumber}/attachments?code=${code}`,
    );
    expect(theirs.body.map((a) => a.fileName).sort()).toEqual(files.map((f) => f.sanitized).sort());
    const pdf = theirs.body.find((a) => a.fileName.endsWith('.pdf'));
    const one = await t.api<{ downloadUrl: string }>(
      'GET',
      `/v1/requests/${receiptNumber}/attachments/${pdf?.attachmentId}?code=${code}`,
    );
    expect(Buffer.from(await (await fetch(one.body.downloadUrl)).arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('removes and reports a file declared as PDF that starts with other bytes', async () => {
    const { ticket, completed } = await upload(
      `/v1/requests/${receiptNumber}/attachments?code=${encodeURIComponent(trackingCode)}`,
      { fileName: '身份证.pdf', contentType: 'application/pdf', size: PNG.length, purpose: 'identity_proof' },
      PNG,
    );
    expect(completed.status).toBe(422);
    expect((completed.body as ApiError).error.message).toContain('不符');
    const listed = await t.api<{ attachmentId: string }[]>('GET', `/v1/cases/${caseId}/attachments`, { token: niedui });
    expect(listed.body.map((a) => a.attachmentId)).not.toContain(ticket.attachmentId);
    const gone = await fetch(ticket.uploadUrl.replace(/\?.*$/, ''));
    expect(gone.status).not.toBe(200);
  });

  it('refuses 21 MB and an unaccepted type before upload, naming the field', async () => {
    const big = await t.api<ApiError>('POST', `/v1/cases/${caseId}/attachments`, {
      token: niedui,
      body: {
        fileName: 'scan.pdf',
        contentType: 'application/pdf',
        size: 21 * 1024 * 1024,
        purpose: 'application_scan',
      },
    });
    expect(big.status).toBe(400);
    expect(big.body.error.fields?.map((f) => f.path)).toEqual(['size']);
    const exe = await t.api<ApiError>('POST', `/v1/cases/${caseId}/attachments`, {
      token: niedui,
      body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10, purpose: 'other' },
    });
    expect(exe.status).toBe(400);
    expect(exe.body.error.fields?.map((f) => f.path)).toEqual(['contentType']);
  });

  it('records service by post on the closed case and shows it per document, with the email service', async () => {
    const reply = (await documents()).find((d) => d.kind === 'reply');
    await act({
      type: 'record_service',
      documentId: reply?.documentId,
      method: 'post',
      servedOn: '2024-11-29',
      trackingNumber: 'EMS1234567',
    });
    const after = (await documents()).find((d) => d.kind === 'reply');
    expect(after?.service).toEqual(
      expect.arrayContaining([
        { method: 'post', servedOn: '2024-11-29', trackingNumber: 'EMS1234567', recordedBy: 'staff' },
        expect.objectContaining({ method: 'email', recordedBy: 'system' }),
      ]),
    );
  });

  it('attaches each document meant for the applicant to its email (MIME read back from the local SES)', async () => {
    const sesStore = (await (await fetch(`${t.system.urls.ses}/store`)).json()) as {
      emails: {
        messageId: string;
        destination: { to: string[] };
        headers?: { name: string; value: string }[];
        attachments?: { filename: string; contentType: string; content: string }[];
      }[];
    };
    const toApplicant = sesStore.emails.filter(
      (e) =>
        e.destination.to.includes('zhangsan@example.cn') &&
        e.headers?.some((h) => h.name === 'X-Gongkai-Case' && h.value === caseId),
    );
    // The store keeps each email as SES received it, its attachments parsed from the MIME parts.
    const attached = toApplicant.flatMap((e) =>
      (e.attachments ?? []).map((a) => {
        expect(a.contentType).toContain('wordprocessingml');
        expect(Buffer.from(a.content, 'base64').subarray(0, 2).toString()).toBe('PK');
        return a.filename;
      }),
    );
    expect(attached.sort()).toEqual(
      [
        '政府信息公开申请登记回执.docx',
        '政府信息公开申请补正告知书.docx',
        '政府信息公开申请延期答复告知书.docx',
        '政府信息公开信息处理费收费通知书.docx',
        '政府信息公开申请答复书.docx',
      ].sort(),
    );
  });
});
