// Demo data (演示数据): fictional companies with checksum-valid 统一社会信用代码 (GB 32100) registered in
// Wujin (prefix 91 320412). Loaded only in demo mode.

export type EnterpriseSeed = { uscc: string; name: string; regionCode: string };

export const DEMO_ENTERPRISES: EnterpriseSeed[] = [
  { uscc: '91320412MAEUHUXQ7A', name: '常州燕龙汽车零部件有限公司', regionCode: 'WJ-GXQ' },
  { uscc: '91320412MAEEGUJ64N', name: '江苏道金智能制造科技股份有限公司', regionCode: 'WJ-GXQ' },
  { uscc: '91320412MA5RGFLK6K', name: '常诚车业（常州）有限公司', regionCode: 'WJ-GXQ' },
  { uscc: '91320412MAR53E945Y', name: '常州西太湖石墨烯材料有限公司（演示）', regionCode: 'WJ-XTH' },
  { uscc: '91320412MA2HRWNL9M', name: '武进湖塘智能电气有限公司（演示）', regionCode: '320412100' },
  { uscc: '91320412MA1KCYEL6P', name: '常州牛塘医疗器械有限公司（演示）', regionCode: 'WJ-NTZ' },
  { uscc: '91320412MAPKL5K061', name: '常州雪堰文旅发展有限公司（演示）', regionCode: 'WJ-XYZ' },
  { uscc: '91320412MATG21163A', name: '常州礼嘉新能源装备有限公司（演示）', regionCode: 'WJ-LJZ' },
];
