import type { OrgKind, RegionKind, RegionLevel } from '@groundbreak/contract';

// Reference data every installation has (not demo data): the region tree down to Wujin's 板块 and the
// Wujin departments. Codes are GB/T 2260 where one exists; 板块 without a published code get an internal
// one (WJ-…). Streets inside the two zones are aliases of their zone, not separate leaves, so that rankings
// do not count them twice.

export type RegionSeed = {
  code: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind;
  parentCode: string | null;
  aliases?: string[];
};

export const REGION_SEED: RegionSeed[] = [
  { code: '320000', name: '江苏省', level: 'province', kind: 'administrative', parentCode: null },
  { code: '320400', name: '常州市', level: 'city', kind: 'administrative', parentCode: '320000' },
  { code: '320402', name: '天宁区', level: 'district', kind: 'administrative', parentCode: '320400' },
  { code: '320404', name: '钟楼区', level: 'district', kind: 'administrative', parentCode: '320400' },
  { code: '320411', name: '新北区', level: 'district', kind: 'administrative', parentCode: '320400' },
  { code: '320412', name: '武进区', level: 'district', kind: 'administrative', parentCode: '320400' },
  { code: '320413', name: '金坛区', level: 'district', kind: 'administrative', parentCode: '320400' },
  { code: '320481', name: '溧阳市', level: 'district', kind: 'administrative', parentCode: '320400' },
  {
    code: 'CZ-JKQ',
    name: '常州经开区',
    level: 'district',
    kind: 'non_administrative',
    parentCode: '320400',
    aliases: ['常州经济开发区'],
  },
  {
    code: 'WJ-GXQ',
    name: '武进国家高新区',
    level: 'subarea',
    kind: 'development_zone',
    parentCode: '320412',
    aliases: ['武进国家高新技术产业开发区', '武进高新区', '高新区', '武高新', '南夏墅街道'],
  },
  {
    code: 'WJ-XTH',
    name: '常州西太湖科技产业园',
    level: 'subarea',
    kind: 'development_zone',
    parentCode: '320412',
    aliases: ['江苏武进经济开发区', '武进经济开发区', '西太湖', '西湖街道'],
  },
  { code: '320412100', name: '湖塘镇', level: 'subarea', kind: 'town', parentCode: '320412' },
  { code: 'WJ-NTZ', name: '牛塘镇', level: 'subarea', kind: 'town', parentCode: '320412' },
  { code: 'WJ-LYZ', name: '洛阳镇', level: 'subarea', kind: 'town', parentCode: '320412' },
  {
    code: 'WJ-XYZ',
    name: '雪堰镇',
    level: 'subarea',
    kind: 'town',
    parentCode: '320412',
    aliases: ['太湖湾旅游度假区'],
  },
  { code: 'WJ-QHZ', name: '前黄镇', level: 'subarea', kind: 'town', parentCode: '320412' },
  { code: 'WJ-LJZ', name: '礼嘉镇', level: 'subarea', kind: 'town', parentCode: '320412' },
  { code: 'WJ-JZZ', name: '嘉泽镇', level: 'subarea', kind: 'town', parentCode: '320412' },
  { code: 'WJ-HLZ', name: '湟里镇', level: 'subarea', kind: 'town', parentCode: '320412' },
];

export type OrgSeed = { code: string; name: string; shortName: string; kind: OrgKind; regionCode: string };

const district = (code: string, name: string, shortName: string, kind: OrgKind): OrgSeed => ({
  code,
  name,
  shortName,
  kind,
  regionCode: '320412',
});

export const ORG_SEED: OrgSeed[] = [
  district('WJ-DRC', '武进区发展和改革局（区重大项目办）', '区发改局', 'drc'),
  district('WJ-NRP', '常州市自然资源和规划局武进分局', '自然资源和规划分局', 'natural_resources'),
  district('WJ-HUD', '武进区住房和城乡建设局', '区住建局', 'housing'),
  district('WJ-APPR', '武进区行政审批局', '区行政审批局', 'admin_approval'),
  district('WJ-COM', '武进区商务局', '区商务局', 'commerce'),
  district('WJ-MIIT', '武进区工业和信息化局', '区工信局', 'industry'),
  district('WJ-ECO', '常州市武进生态环境局', '武进生态环境局', 'ecology'),
  district('WJ-WATER', '武进区水利局', '区水利局', 'water'),
  district('WJ-TRANS', '武进区交通运输局', '区交通运输局', 'transport'),
  district('WJ-EMER', '武进区应急管理局（地震）', '区应急管理局', 'emergency'),
  district('WJ-URBAN', '武进区城市管理局', '区城管局', 'urban_management'),
  district('WJ-SUPV', '武进区人民政府督查室', '区政府督查室', 'supervision'),
  district('WJ-REG', '武进区不动产登记中心', '不动产登记中心', 'real_estate_registry'),
  district('WJ-PRT', '武进区公共资源交易中心', '公共资源交易中心', 'public_resources'),
  district('WJ-CDEF', '武进区人民防空办公室', '区人防办', 'civil_defense'),
  district('WJ-MET', '武进区气象局', '区气象局', 'meteorology'),
  district('WJ-CULT', '武进区文体广电和旅游局（文物）', '区文旅局', 'culture_tourism'),
  district('WJ-LAND', '武进区园林绿化管理中心', '区园林中心', 'landscape'),
  district('WJ-UTIL', '武进区公用事业（供水、供电、燃气、通信报装）', '公用事业报装', 'utilities'),
  {
    code: 'WJ-GXQ-ADM',
    name: '武进国家高新区管委会',
    shortName: '高新区管委会',
    kind: 'subarea_committee',
    regionCode: 'WJ-GXQ',
  },
  {
    code: 'WJ-XTH-ADM',
    name: '常州西太湖科技产业园管委会',
    shortName: '西太湖管委会',
    kind: 'subarea_committee',
    regionCode: 'WJ-XTH',
  },
  ...(
    [
      ['320412100', '湖塘镇'],
      ['WJ-NTZ', '牛塘镇'],
      ['WJ-LYZ', '洛阳镇'],
      ['WJ-XYZ', '雪堰镇'],
      ['WJ-QHZ', '前黄镇'],
      ['WJ-LJZ', '礼嘉镇'],
      ['WJ-JZZ', '嘉泽镇'],
      ['WJ-HLZ', '湟里镇'],
    ] as const
  ).map(([regionCode, town]) => ({
    code: `${regionCode}-GOV`,
    name: `${town}人民政府`,
    shortName: town,
    kind: 'subarea_committee' as const,
    regionCode,
  })),
];
