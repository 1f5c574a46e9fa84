import type { CampaignCategory, TaskResponse } from '@groundbreak/contract';
import { MICRO_STAGES, type MicroSchedule, type MicroStage, wanToYuan } from '@groundbreak/domain';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fieldErrorsOf } from '../../lib/form-errors';
import { yuanToWanText } from '../../lib/format';

// A task's form values and the bodies sent from them: dates as YYYY-MM-DD, 投资 typed in 万元 and sent as
// integer 元, only the chosen category's quantities, the 微更新 stages with a planned date; and the server's
// field errors put back on the fields they name.

type StageValues = { plannedOn?: Dayjs | null; doneOn?: Dayjs | null };

export type TaskFormValues = {
  campaignId?: string;
  batchId?: string | null;
  categoryCode?: string;
  regionId?: string;
  village?: string | null;
  pointName?: string;
  address?: string | null;
  lon?: number | null;
  lat?: number | null;
  description?: string;
  requirement?: string | null;
  responsibleOrgId?: string | null;
  responsiblePerson?: string | null;
  startOn?: Dayjs | null;
  dueOn?: Dayjs | null;
  quantities?: Record<string, number | null | undefined>;
  /** 投资 in 万元 as typed (exact decimal text). */
  investmentWan?: string | null;
  micro?: Partial<Record<MicroStage, StageValues>>;
  progress?: number;
};

const blank = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The body fields both the create and the update share, from the form's values and the chosen category. */
export function toTaskFields(values: TaskFormValues, category: CampaignCategory | undefined) {
  const isMicro = category?.group === 'micro';
  const quantities: Record<string, number> = {};
  for (const indicator of category?.indicators ?? []) {
    const value = values.quantities?.[indicator.key];
    if (typeof value === 'number') quantities[indicator.key] = value;
  }
  let microSchedule: MicroSchedule | null = null;
  if (isMicro) {
    microSchedule = {};
    for (const stage of MICRO_STAGES) {
      const s = values.micro?.[stage];
      const plannedOn = day(s?.plannedOn);
      if (plannedOn) microSchedule[stage] = { plannedOn, doneOn: day(s?.doneOn) ?? null };
    }
  }
  const investment = isMicro && values.investmentWan ? wanToYuan(String(values.investmentWan)) : null;
  return {
    categoryCode: values.categoryCode ?? '',
    batchId: values.batchId ?? null,
    village: blank(values.village),
    pointName: values.pointName?.trim() ?? '',
    address: blank(values.address),
    lon: values.lon ?? null,
    lat: values.lat ?? null,
    description: values.description?.trim() ?? '',
    requirement: blank(values.requirement),
    responsibleOrgId: values.responsibleOrgId ?? null,
    responsiblePerson: blank(values.responsiblePerson),
    startOn: day(values.startOn) ?? '',
    dueOn: day(values.dueOn) ?? '',
    quantities,
    investmentYuan: investment,
    microSchedule,
  };
}

/** A task as the form starts from on its page. */
export function toFormValues(task: TaskResponse['task']): TaskFormValues {
  const micro: Partial<Record<MicroStage, StageValues>> = {};
  for (const stage of MICRO_STAGES) {
    const s = task.microSchedule?.[stage];
    if (s) micro[stage] = { plannedOn: dayjs(s.plannedOn), doneOn: s.doneOn ? dayjs(s.doneOn) : null };
  }
  return {
    campaignId: task.campaign.id,
    batchId: task.batch?.id ?? null,
    categoryCode: task.categoryCode,
    regionId: task.regionId,
    village: task.village,
    pointName: task.pointName,
    address: task.address,
    lon: task.lon,
    lat: task.lat,
    description: task.description,
    requirement: task.requirement,
    responsibleOrgId: task.responsibleOrg?.id ?? null,
    responsiblePerson: task.responsiblePerson,
    startOn: dayjs(task.startOn),
    dueOn: dayjs(task.dueOn),
    quantities: { ...task.quantities },
    investmentWan: task.investmentYuan === null ? null : yuanToWanText(task.investmentYuan),
    micro,
    progress: task.progress,
  };
}

type FieldName = string | (string | number)[];

/** Where a server field error lands on this form (investmentYuan → the 万元 field, and so on). */
function formFieldOf(field: string): FieldName | undefined {
  const [head, ...rest] = field.split('.');
  if (head === 'investmentYuan') return 'investmentWan';
  if (head === 'quantities' && rest[0]) return ['quantities', rest[0]];
  if (head === 'microSchedule') {
    const stage = rest[0] as MicroStage | undefined;
    if (stage && MICRO_STAGES.includes(stage))
      return ['micro', stage, rest[1] === 'doneOn' ? 'doneOn' : 'plannedOn'];
    return ['micro', 'design', 'plannedOn'];
  }
  const plain = [
    'campaignId',
    'batchId',
    'categoryCode',
    'regionId',
    'village',
    'pointName',
    'address',
    'lon',
    'lat',
    'description',
    'requirement',
    'responsibleOrgId',
    'responsiblePerson',
    'startOn',
    'dueOn',
    'progress',
  ];
  return head && plain.includes(head) ? head : undefined;
}

/** Puts the server's field messages on the fields; true when each found one (ui.md "Forms"). */
export function placeFieldErrors(form: FormInstance<TaskFormValues>, error: unknown): boolean {
  const errors = fieldErrorsOf(error);
  if (errors.length === 0) return false;
  let isEveryPlaced = true;
  const placed: { name: FieldName; errors: string[] }[] = [];
  for (const { field, message } of errors) {
    const name = formFieldOf(field);
    if (name) placed.push({ name, errors: [message] });
    else isEveryPlaced = false;
  }
  form.setFields(placed as never);
  const first = placed[0];
  if (first) form.scrollToField(first.name as never, { block: 'center' });
  return isEveryPlaced;
}
