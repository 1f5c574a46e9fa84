import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useEnterpriseOptions } from './api';

interface EnterpriseOptionSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The name of the enterprise already tied to the account, shown before any search. */
  initialName?: string | null;
  id?: string;
}

/** Picks the enterprise an 企业 account acts for, searching by name or 统一社会信用代码. */
export function EnterpriseOptionSelect({ value, onChange, initialName, id }: EnterpriseOptionSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const { data, isFetching } = useEnterpriseOptions(q);
  const options = (data?.items ?? []).map((enterprise) => ({
    value: enterprise.id,
    label: enterprise.name,
    uscc: enterprise.uscc,
  }));
  if (value && initialName && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: initialName, uscc: '' });
  }

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      placeholder="输入企业名称或统一社会信用代码搜索"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      optionRender={(option) => (
        <span>
          {option.data.label}
          {option.data.uscc && (
            <span style={{ marginInlineStart: 8, color: '#8c8c8c', fontSize: 12 }}>{option.data.uscc}</span>
          )}
        </span>
      )}
      notFoundContent={isFetching ? <Spin size="small" /> : '没有匹配的企业'}
    />
  );
}
