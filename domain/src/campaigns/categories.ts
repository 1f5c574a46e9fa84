// The task categories of the urban-village special action (城中村专项行动, domain.md §11.2): the seed's
// "三攻坚三提升一改造" — tackle 违章搭建 and 消防隐患, improve 村容村貌, renovate 公厕 — plus 微更新 projects and the
// 城乡大扫除 rounds; the unnamed ones are configurable [A]. Each category says which quantities a task of it
// counts, what a maintenance inspection checks at its points, and how long a 整改单 after a failed
// inspection may take (3 working days for hygiene, 15 for structural or fire issues [A]).

export const CATEGORY_GROUPS = ['tackle', 'improve', 'renovate', 'micro', 'cleanup'] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];
export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, string> = {
  tackle: '攻坚',
  improve: '提升',
  renovate: '改造',
  micro: '微更新',
  cleanup: '大扫除',
};

/** A quantity a task counts, e.g. 拆除违建面积 in m². */
export type QuantityIndicator = { key: string; label: string; unit: string };

export type TaskCategory = {
  code: string;
  group: CategoryGroup;
  name: string;
  indicators: readonly QuantityIndicator[];
  /** What an inspection of a maintained point checks, item by item (pass/fail). */
  checklist: readonly string[];
  /** Working days a 整改单 after a failed inspection allows. */
  rectifyWorkingDays: number;
  /** Days between routine inspections of a maintained point (default: monthly by the 板块). */
  inspectEveryDays: number;
};

export const DEFAULT_TASK_CATEGORIES: readonly TaskCategory[] = [
  {
    code: 'G1',
    group: 'tackle',
    name: '违章搭建整治',
    indicators: [
      { key: 'demolishedM2', label: '拆除违建面积', unit: '㎡' },
      { key: 'structures', label: '拆除违建处数', unit: '处' },
    ],
    checklist: ['无新增违章搭建', '拆除后场地已清理', '无复搭复建'],
    rectifyWorkingDays: 15,
    inspectEveryDays: 30,
  },
  {
    code: 'G2',
    group: 'tackle',
    name: '消防隐患整治',
    indicators: [{ key: 'hazards', label: '消除隐患处数', unit: '处' }],
    checklist: ['消防通道畅通', '无电动车飞线充电', '无违规住人', '消防设施完好'],
    rectifyWorkingDays: 15,
    inspectEveryDays: 30,
  },
  {
    code: 'G3',
    group: 'tackle',
    name: '其他攻坚（乱堆乱放、群租等）',
    indicators: [{ key: 'points', label: '整治点位数', unit: '处' }],
    checklist: ['无乱堆乱放', '无群租'],
    rectifyWorkingDays: 3,
    inspectEveryDays: 30,
  },
  {
    code: 'T1',
    group: 'improve',
    name: '村容村貌提升',
    indicators: [
      { key: 'areaM2', label: '整治面积', unit: '㎡' },
      { key: 'greeningM2', label: '新增绿化面积', unit: '㎡' },
    ],
    checklist: ['路面整洁', '立面整洁无乱贴', '绿化完好', '垃圾及时清运'],
    rectifyWorkingDays: 3,
    inspectEveryDays: 30,
  },
  {
    code: 'T2',
    group: 'improve',
    name: '其他提升（道路、停车秩序）',
    indicators: [{ key: 'roadM', label: '整治道路长度', unit: 'm' }],
    checklist: ['停车有序', '路面完好'],
    rectifyWorkingDays: 3,
    inspectEveryDays: 30,
  },
  {
    code: 'T3',
    group: 'improve',
    name: '其他提升（绿化、管线飞线）',
    indicators: [{ key: 'linesM', label: '整治飞线长度', unit: 'm' }],
    checklist: ['无新增飞线', '绿化完好'],
    rectifyWorkingDays: 15,
    inspectEveryDays: 30,
  },
  {
    code: 'R1',
    group: 'renovate',
    name: '公厕改造',
    indicators: [{ key: 'toilets', label: '改造公厕座数', unit: '座' }],
    checklist: ['保洁到位无异味', '设施完好', '开放时间公示'],
    rectifyWorkingDays: 3,
    inspectEveryDays: 30,
  },
  {
    code: 'MR',
    group: 'micro',
    name: '微更新项目',
    indicators: [{ key: 'areaM2', label: '更新面积', unit: '㎡' }],
    checklist: ['设施完好', '绿化养护到位', '场地整洁'],
    rectifyWorkingDays: 15,
    inspectEveryDays: 30,
  },
  {
    code: 'CL',
    group: 'cleanup',
    name: '城乡大扫除',
    indicators: [{ key: 'garbageT', label: '清运垃圾', unit: '吨' }],
    checklist: ['无积存垃圾', '无卫生死角'],
    rectifyWorkingDays: 3,
    inspectEveryDays: 30,
  },
];
