import type { Parcel } from '@groundbreak/contract';
import { LAND_LIST_ITEMS, PARCEL_STATUS_LABELS } from '@groundbreak/contract';
import type { ParcelStatus } from '@groundbreak/domain';
import { Progress, Tag, Tooltip } from 'antd';
import { Light } from '../../components/light';

// How a parcel's status, its 批而未供 flag, its idle light and its 用地清单 look wherever a parcel appears
// (list, detail, map legend): one colour per status, the same on the map.

export const PARCEL_STATUS_COLORS: Record<ParcelStatus, string> = {
  planned: '#b37feb',
  approved_unsupplied: '#fa8c16',
  reserve: '#52c41a',
  supplied: '#1677ff',
  under_construction: '#13c2c2',
  underused: '#d4b106',
  suspected_idle: '#f5222d',
  idle: '#a8071a',
  built: '#8c8c8c',
  recovered: '#5b8c00',
};

export function ParcelStatusTag({ status }: { status: ParcelStatus }) {
  return (
    <Tag color={PARCEL_STATUS_COLORS[status]} variant="solid">
      {PARCEL_STATUS_LABELS[status]}
    </Tag>
  );
}

/** The 批而未供 flag beside a status that does not say so already (a 储备 parcel with its approval). */
export function ApprovedUnsuppliedTag({ show, status }: { show: boolean; status?: ParcelStatus }) {
  if (!show || status === 'approved_unsupplied') return null;
  return (
    <Tooltip title="有农转用/征收批准、尚未供地：计入批而未供统计">
      <Tag color="orange" variant="outlined">
        批而未供
      </Tag>
    </Tooltip>
  );
}

export function IdleLight({ light, days }: { light: Parcel['idleLight']; days: number | null }) {
  if (light === 'none') return null;
  const text =
    light === 'suspected'
      ? `疑似闲置：超过约定动工日期 ${days ?? '—'} 天未动工`
      : `黄灯：超过约定动工日期 ${days ?? '—'} 天，临近闲置认定`;
  return <Light color={light === 'suspected' ? 'red' : 'yellow'} explanation={text} showText />;
}

/** 用地清单 x/19 as a small bar; complete in green. */
export function ListProgress({ done, total = LAND_LIST_ITEMS.length }: { done: number; total?: number }) {
  return (
    <Tooltip title={`用地清单 ${done}/${total} 项已批复或不涉及`}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
        <Progress
          percent={Math.round((done / total) * 100)}
          size={[72, 8]}
          showInfo={false}
          strokeColor={done === total ? '#52c41a' : '#1677ff'}
          aria-label={`用地清单 ${done}/${total}`}
        />
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {done}/{total}
        </span>
      </span>
    </Tooltip>
  );
}
