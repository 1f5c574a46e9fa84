import { ORG_KIND_LABELS } from '@groundbreak/contract';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useOrgOptions } from './api';

interface OrgSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  /** The name of the unit already chosen, shown before any search (it may not be among the first 100). */
  initialName?: string | null;
  disabled?: boolean;
}

/** A 所属单位 select that searches the organisations on the server as the user types. */
export function OrgSelect({ value, onChange, id, initialName, disabled }: OrgSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const { data, isFetching } = useOrgOptions(q);
  const options = (data?.items ?? []).map((org) => ({
    value: org.id,
    label: org.name,
    kind: ORG_KIND_LABELS[org.kind],
  }));
  if (value && initialName && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: initialName, kind: '' });
  }

  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={disabled}
      placeholder="输入名称搜索单位"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      optionRender={(option) => (
        <span>
          {option.data.label}
          <span style={{ marginInlineStart: 8, color: '#8c8c8c', fontSize: 12 }}>{option.data.kind}</span>
        </span>
      )}
      notFoundContent={isFetching ? <Spin size="small" /> : '没有匹配的单位'}
    />
  );
}
