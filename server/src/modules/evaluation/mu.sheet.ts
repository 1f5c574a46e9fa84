import { MU_CLASS_LABELS } from '@groundbreak/contract';
import type { MuClass } from '@groundbreak/domain';
import type { SheetColumn } from '../../lib/excel/write-workbook';

// The 亩均评价 sheet: one row an enterprise and year, as the district's 工业企业资源集约利用 system exports
// it. Money in 万元 unless the header says 元 or 亿元; land in 亩; energy in 吨标准煤.

const CLASS_CHOICES: Record<MuClass, string> = { A: 'A', B: 'B', C: 'C', D: 'D', T: 'T' };
const CLASS_SYNONYMS: Record<string, MuClass> = Object.fromEntries(
  (Object.keys(CLASS_CHOICES) as MuClass[]).flatMap((c) => [
    [`${c}类`, c],
    [`${c}档`, c],
    [c.toLowerCase(), c],
    [MU_CLASS_LABELS[c], c],
  ]),
);
CLASS_SYNONYMS.不参评 = 'T';
CLASS_SYNONYMS.不适合评价 = 'T';
CLASS_SYNONYMS.不定等级 = 'T';

export const MU_SHEET_COLUMNS: readonly SheetColumn[] = [
  {
    key: 'uscc',
    label: '统一社会信用代码',
    header: '统一社会信用代码',
    aliases: ['信用代码', '社会信用代码', '企业信用代码'],
    kind: 'text',
    width: 22,
    note: '必填；18 位，按它和年度找到已有的评价（同一企业同一年度再次导入即更新）',
  },
  {
    key: 'enterpriseName',
    label: '企业名称',
    header: '企业名称',
    aliases: ['单位名称', '企业'],
    kind: 'text',
    width: 30,
    note: '必填',
  },
  {
    key: 'year',
    label: '评价年度',
    header: '评价年度',
    aliases: ['年度', '年份', '数据年度'],
    kind: 'number',
    width: 10,
    note: '必填；如 2025（评价所用数据的年度）',
  },
  {
    key: 'muClass',
    label: '评价类别',
    header: '评价类别',
    aliases: ['类别', '评价等级', '等级', '分类', '亩均类别'],
    kind: 'choice',
    choices: CLASS_CHOICES,
    synonyms: CLASS_SYNONYMS,
    width: 10,
    note: '必填；A、B、C、D 或 T（不适合评价：公用事业、投产不满 2 年的新企业等）',
  },
  {
    key: 'score',
    label: '综合得分',
    header: '综合得分',
    aliases: ['得分', '评价得分'],
    kind: 'number',
    width: 10,
  },
  {
    key: 'salesYuan',
    label: '销售收入',
    header: '销售收入（万元）',
    aliases: ['开票销售', '开票销售收入', '营业收入', '应税销售收入'],
    kind: 'money',
    unit: 'wan',
    width: 14,
  },
  {
    key: 'taxYuan',
    label: '实缴税收',
    header: '实缴税收（万元）',
    aliases: ['税收', '实缴税金', '税收实际贡献'],
    kind: 'money',
    unit: 'wan',
    width: 14,
  },
  {
    key: 'landMu',
    label: '用地面积（亩）',
    header: '用地面积（亩）',
    aliases: ['用地面积', '占地面积', '实际用地'],
    kind: 'number',
    width: 12,
  },
  {
    key: 'energyTce',
    label: '综合能耗（吨标准煤）',
    header: '综合能耗（吨标准煤）',
    aliases: ['综合能耗', '能耗', '总能耗'],
    kind: 'number',
    width: 14,
  },
  {
    key: 'employees',
    label: '年平均职工人数',
    header: '年平均职工人数',
    aliases: ['职工人数', '从业人员', '员工人数'],
    kind: 'number',
    width: 12,
  },
  {
    key: 'rdYuan',
    label: '研发经费',
    header: '研发经费（万元）',
    aliases: ['研发费用', 'R&D经费', '研发投入'],
    kind: 'money',
    unit: 'wan',
    width: 14,
  },
];

export const MU_FIELDS = [
  'enterpriseName',
  'muClass',
  'score',
  'salesYuan',
  'taxYuan',
  'landMu',
  'energyTce',
  'employees',
  'rdYuan',
] as const;
export type MuField = (typeof MU_FIELDS)[number];

export const MU_TEMPLATE_EXAMPLE = [
  '91320412MAEUHUXQ7A',
  '常州燕龙汽车零部件有限公司',
  2025,
  'A',
  92.5,
  86000,
  4200,
  120,
  5600,
  480,
  3100,
];

export const MU_SHEET_NOTES: [string, string][] = [
  ['【用途】', '企业亩均效益评价结果（A/B/C/D/T 类）及所依据的年度数据，导入后显示在企业的项目页“亩均”中'],
  [
    '【匹配】',
    '按统一社会信用代码和评价年度：已有的更新，没有的新增；同一文件中同一企业同一年度只能出现一次',
  ],
  ['【全部或不导入】', '任何一行有错误时不写入任何数据，改正后重新上传'],
  ['【金额】', '单位万元（表头写明亿元或元时按表头）'],
  ...MU_SHEET_COLUMNS.filter((c) => c.note).map((c): [string, string] => [c.header, c.note ?? '']),
];

export const labelOf = (key: string) => MU_SHEET_COLUMNS.find((c) => c.key === key)?.label ?? key;
