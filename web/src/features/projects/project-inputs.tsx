import { INDUSTRY_CHAINS, INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '@groundbreak/contract';
import { Input, InputNumber, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { formatMu } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import type { PersonRole } from './api';
import { usePeople } from './api';

// The inputs of the project forms that are more than a plain antd control.

interface ControlProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T) => void;
  disabled?: boolean;
}

/** An amount typed in 万元 as text (converted to 元 exactly on save), e.g. "5000" or "1234.5678". */
export function WanInput({
  id,
  value,
  onChange,
  disabled,
  unit = '万元',
}: ControlProps<string> & { unit?: string }) {
  return (
    <Input
      id={id}
      value={value}
      onChange={(event) => onChange?.(event.target.value)}
      disabled={disabled}
      inputMode="decimal"
      suffix={unit}
      placeholder="0.00"
      autoComplete="off"
    />
  );
}

/** An area in ㎡, with its 亩 beside it as the user types. */
export function AreaInput({ id, value, onChange, disabled }: ControlProps<number | null>) {
  const mu = typeof value === 'number' && value > 0 ? `㎡ ≈ ${formatMu(value)} 亩` : '㎡';
  return (
    <InputNumber<number>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      disabled={disabled}
      min={0}
      precision={2}
      style={{ width: '100%' }}
      suffix={mu}
      placeholder="0"
    />
  );
}

const SCOPE_ALL: string[] = [];

/** 所属板块: the region tree within the user's data scope. */
export function RegionTreeSelect({ id, value, onChange, disabled }: ControlProps<string | undefined>) {
  const user = useCurrentUser();
  const regions = useRegions();
  const scopeIds = useMemo(
    () => (user.regionScopes.length > 0 ? user.regionScopes.map((region) => region.id) : SCOPE_ALL),
    [user.regionScopes],
  );
  const treeData = useMemo(
    () => (regions.data ? toRegionTreeOptions(regions.data.items, scopeIds) : []),
    [regions.data, scopeIds],
  );
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      disabled={disabled}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      treeData={treeData}
      loading={regions.isPending}
      placeholder="选择板块"
      allowClear
    />
  );
}

/** 责任领导 (区领导) or 项目专员, from GET /api/projects/people. */
export function PersonSelect({
  id,
  value,
  onChange,
  disabled,
  roles,
  initialName,
}: ControlProps<string | undefined> & { roles: PersonRole[]; initialName?: string | null }) {
  const first = usePeople(roles[0] ?? 'leader');
  const second = usePeople(roles[1] ?? roles[0] ?? 'leader');
  const options = useMemo(() => {
    const people = [...(first.data ?? []), ...(roles.length > 1 ? (second.data ?? []) : [])];
    const list = people.map((person) => ({
      value: person.id,
      label: person.displayName,
      org: person.orgName,
    }));
    if (value && initialName && !list.some((option) => option.value === value)) {
      list.unshift({ value, label: initialName, org: '' });
    }
    return list;
  }, [first.data, second.data, roles.length, value, initialName]);
  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      disabled={disabled}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={first.isPending}
      options={options}
      placeholder="选择人员"
      optionRender={(option) => (
        <span>
          {option.data.label}
          {option.data.org && (
            <span style={{ marginInlineStart: 8, color: '#8c8c8c', fontSize: 12 }}>{option.data.org}</span>
          )}
        </span>
      )}
    />
  );
}

/** 门类 → 大类 of GB/T 4754, grouped, searchable by code or name (e.g. "C36" or "汽车"). */
export const INDUSTRY_OPTIONS = Object.entries(INDUSTRY_SECTIONS).map(([section, name]) => ({
  label: `${section} ${name}`,
  title: `${section} ${name}`,
  options: INDUSTRY_DIVISIONS.filter((division) => division.section === section).map((division) => ({
    value: division.code,
    label: `${division.code} ${division.name}`,
  })),
}));

export function IndustrySelect({ id, value, onChange, disabled }: ControlProps<string | undefined>) {
  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      disabled={disabled}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={INDUSTRY_OPTIONS}
      placeholder="如 C36 汽车制造业"
    />
  );
}

export const INDUSTRY_CHAIN_OPTIONS = INDUSTRY_CHAINS.map((chain) => ({ value: chain, label: chain }));

export function IndustryChainSelect({ id, value, onChange, disabled }: ControlProps<string | undefined>) {
  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      disabled={disabled}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={INDUSTRY_CHAIN_OPTIONS}
      placeholder="选择产业类别"
    />
  );
}
