/** The agency and case the letter tests write to (聂堆镇, a 2024 application by 张三): one copy for every test. */
export const SAMPLE_LETTER_AGENCY = {
  name: '聂堆镇人民政府',
  letterPrefix: '聂政公开',
  reviewOrgan: '西华县人民政府',
  court: '西华县人民法院',
  address: '西华县聂堆镇人民路8号',
  phone: '0394-2690000',
};

export const SAMPLE_LETTER_CASE = {
  receiptNumber: 'NDZ-2024-000001',
  applicantName: '张三',
  description: '2024年聂堆镇道路修缮工程的招标文件',
  documentNumber: '聂政〔2024〕1号',
  delivery: { form: 'electronic' as const, method: 'email' as const },
};
