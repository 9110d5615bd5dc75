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
    letterPrefix: '西政办公开',
    reviewOrgan: '西华县人民政府',
    court: '西华县人民法院',
    address: '河南省周口市西华县箕子台路1号',
    phone: '0394-2541000',
  },
  {
    agencyId: 'niedui-town',
    name: '聂堆镇人民政府',
    receiptPrefix: 'NDZ',
    officeEmail: 'gongkai@niedui.example.gov.cn',
    headEmail: 'zhenzhang@niedui.example.gov.cn',
    letterPrefix: '聂政公开',
    reviewOrgan: '西华县人民政府',
    court: '西华县人民法院',
    address: '河南省周口市西华县聂堆镇人民路8号',
    phone: '0394-2690000',
  },
];
