import { MU_CLASSES } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse } from './list';

// 亩均效益评价 over HTTP (domain.md §9.3): an enterprise's class and figures per year, imported from the
// district's 工业企业资源集约利用 system.

export const MU_CLASS_LABELS: Record<(typeof MU_CLASSES)[number], string> = {
  A: 'A类（优先发展）',
  B: 'B类（鼓励提升）',
  C: 'C类（帮扶转型）',
  D: 'D类（倒逼整治）',
  T: 'T类（不参评）',
};
/** Tag colours of the classes (antd preset names). */
export const MU_CLASS_COLORS: Record<(typeof MU_CLASSES)[number], string> = {
  A: 'green',
  B: 'blue',
  C: 'orange',
  D: 'red',
  T: 'default',
};

export const muEvaluation = z.object({
  id: z.string().uuid(),
  uscc: z.string(),
  enterpriseName: z.string(),
  /** The enterprise record of that USCC, when the platform has one. */
  enterpriseId: z.string().uuid().nullable(),
  year: z.number().int(),
  muClass: z.enum(MU_CLASSES),
  score: z.number().nullable(),
  salesYuan: z.number().nullable(),
  taxYuan: z.number().nullable(),
  landMu: z.number().nullable(),
  energyTce: z.number().nullable(),
  employees: z.number().int().nullable(),
  rdYuan: z.number().nullable(),
  /** 亩均税收 (元/亩), computed from tax and land. */
  taxPerMuYuan: z.number().nullable(),
  updatedAt: z.string(),
});
export type MuEvaluation = z.infer<typeof muEvaluation>;

const year = z.coerce.number().int().min(2000).max(2100);
export const muListQuery = listQuery(['year', 'enterpriseName', 'score', 'taxPerMu']).extend({
  year: year.optional(),
  muClass: z.enum(MU_CLASSES).optional(),
  keyword: z.string().trim().max(50).optional(),
});
export const muListResponse = listResponse(muEvaluation).extend({
  /** Count per class of the filtered year (or every year), before the class filter. */
  distribution: z.array(z.object({ muClass: z.enum(MU_CLASSES), count: z.number().int() })),
  /** Years that have classes in the caller's view, newest first. */
  years: z.array(z.number().int()),
});
export type MuListResponse = z.infer<typeof muListResponse>;

export const projectMuResponse = z.object({
  uscc: z.string().nullable(),
  items: z.array(muEvaluation),
});
export type ProjectMuResponse = z.infer<typeof projectMuResponse>;
