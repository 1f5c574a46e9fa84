import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Flex, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ListFilter, ListState } from './use-list-search-params';

const CONTROL_WIDTH = 220;

interface FilterControlProps {
  filter: ListFilter;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  state: ListState;
}

function FilterControl({ filter, value, onChange, state }: FilterControlProps) {
  if (filter.render) return filter.render({ value, onChange, state });
  const placeholder =
    filter.placeholder ?? (filter.kind === 'text' ? `输入${filter.label}` : `全部${filter.label}`);
  if (filter.kind === 'text') {
    // Keyed by the URL value so 重置 and Back refill the box; typing only applies on Enter or the button.
    return (
      <Input.Search
        key={value ?? ''}
        defaultValue={value}
        placeholder={placeholder}
        allowClear
        enterButton
        maxLength={50}
        aria-label={filter.label}
        style={{ width: CONTROL_WIDTH + 60, maxWidth: '100%' }}
        onSearch={(text) => onChange(text)}
      />
    );
  }
  if (filter.kind === 'select') {
    return (
      <Select
        value={value}
        placeholder={placeholder}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={filter.options}
        aria-label={filter.label}
        style={{ width: CONTROL_WIDTH, maxWidth: '100%' }}
        onChange={(next: string | undefined) => onChange(next)}
      />
    );
  }
  if (filter.kind === 'multi-select') {
    return (
      <Select
        mode="multiple"
        value={value ? value.split(',') : []}
        placeholder={placeholder}
        allowClear
        maxTagCount="responsive"
        showSearch={{ optionFilterProp: 'label' }}
        options={filter.options}
        aria-label={filter.label}
        style={{ width: CONTROL_WIDTH + 60, maxWidth: '100%' }}
        onChange={(next: string[]) => onChange(next.length > 0 ? next.join(',') : undefined)}
      />
    );
  }
  if (filter.kind === 'date') {
    return (
      <DatePicker
        value={value ? dayjs(value) : null}
        placeholder={filter.placeholder ?? `选择${filter.label}`}
        format="YYYY-MM-DD"
        aria-label={filter.label}
        style={{ width: 160 }}
        onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : undefined)}
      />
    );
  }
  return (
    <TreeSelect
      value={value}
      placeholder={placeholder}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      treeData={filter.treeData}
      aria-label={filter.label}
      style={{ width: CONTROL_WIDTH, maxWidth: '100%' }}
      onChange={(next: string | undefined) => onChange(next)}
    />
  );
}

function LabelledFilter(props: FilterControlProps) {
  return (
    <Flex align="center" gap={8} style={{ maxWidth: '100%', minWidth: 0 }}>
      <span style={{ whiteSpace: 'nowrap', color: 'rgba(0, 0, 0, 0.75)' }}>{props.filter.label}</span>
      <div style={{ minWidth: 0, flex: '1 1 auto' }}>
        <FilterControl {...props} />
      </div>
    </Flex>
  );
}

interface ListFiltersProps {
  filters: readonly ListFilter[];
  state: ListState;
}

/** The filter rows above a list: the most used ones visible, the rest under 更多筛选. */
export function ListFilters({ filters, state }: ListFiltersProps) {
  const primary = filters.filter((filter) => !filter.isSecondary && !filter.isHidden);
  const secondary = filters.filter((filter) => filter.isSecondary && !filter.isHidden);
  const activeSecondary = filters.filter(
    (filter) => filter.isSecondary && state.filters[filter.key] !== undefined,
  ).length;
  const [isExpanded, setExpanded] = useState(activeSecondary > 0);

  if (filters.length === 0) return null;
  const renderFilter = (filter: ListFilter) => (
    <LabelledFilter
      key={filter.key}
      filter={filter}
      value={state.filters[filter.key]}
      onChange={(value) => state.setFilter(filter.key, value)}
      state={state}
    />
  );

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Flex wrap gap={16} align="center">
        {primary.map(renderFilter)}
        <Flex gap={8}>
          {secondary.length > 0 && (
            <Badge count={isExpanded ? 0 : activeSecondary} size="small">
              <Button
                type="link"
                icon={isExpanded ? <UpOutlined /> : <DownOutlined />}
                iconPlacement="end"
                onClick={() => setExpanded((expanded) => !expanded)}
              >
                {isExpanded ? '收起筛选' : '更多筛选'}
              </Button>
            </Badge>
          )}
          {state.hasActiveFilters && <Button onClick={state.resetFilters}>重置</Button>}
        </Flex>
      </Flex>
      {isExpanded && secondary.length > 0 && (
        <Flex wrap gap={16} align="center">
          {secondary.map(renderFilter)}
        </Flex>
      )}
    </Flex>
  );
}
