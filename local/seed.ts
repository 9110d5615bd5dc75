import type { Agency } from '../functions/shared/store/agency-repository';

/**
 * The example agencies `gongkai start` creates on a new data folder: a county government office and a
 * town government under it (the town of the reference 2024 report).
 */
export const EXAMPLE_AGENCIES: readonly Agency[] = [
  {
    agencyId: 'xihua-county',
    name: '西华县人民政府办公室',
    receiptPrefix: 'XHX',
    officeEmail: 'gongkai@xihua.example.gov.cn',
    headEmail: 'zhuren@xihua.example.gov.cn',
  },
  {
    agencyId: 'niedui-town',
    name: '聂堆镇人民政府',
    receiptPrefix: 'NDZ',
    officeEmail: 'gongkai@niedui.example.gov.cn',
    headEmail: 'zhenzhang@niedui.example.gov.cn',
  },
];
