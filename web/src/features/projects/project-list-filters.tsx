import { SearchOutlined } from '@ant-design/icons';
import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  LIBRARY_LEVEL_LABELS,
  PROJECT_STATE_LABELS,
  START_CATEGORY_LABELS,
} from '@groundbreak/contract';
import { LIBRARY_LEVELS, PROJECT_STATES, START_CATEGORIES, wanToYuan } from '@groundbreak/domain';
import { Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FilterRenderProps, ListFilter } from '../../components/use-list-search-params';
import { yuanToWanText } from '../../lib/format';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useCurrentUser } from '../auth/use-current-user';
import { useOrgOptions } from '../orgs/api';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { usePeople } from './api';
import { INDUSTRY_CHAIN_OPTIONS } from './project-inputs';

/** The keyword box: the list follows as the user types (300 ms after the last key), no Enter needed. */
function KeywordFilter({ value, onChange }: FilterRenderProps) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebouncedValue(text, 300);
  const lastSent = useRef(value ?? '');
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // 重置, a saved view or Back changed the URL: show what the list now filters by.
  useEffect(() => {
    if ((value ?? '') !== lastSent.current) {
      lastSent.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);

  useEffect(() => {
    const next = debounced.trim();
    if (next !== lastSent.current) {
      lastSent.current = next;
      onChangeRef.current(next || undefined);
    }
  }, [debounced]);

  return (
    <Input
      value={text}
      onChange={(event) => setText(event.target.value)}
      onPressEnter={() => {
        lastSent.current = text.trim();
        onChangeRef.current(text.trim() || undefined);
      }}
      allowClear
      maxLength={50}
      prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
      placeholder="项目名称、项目代码、企业名称、信用代码，支持拼音首字母"
      aria-label="关键词"
      style={{ width: 460, maxWidth: '100%' }}
    />
  );
}

/** A bound in 元 from the URL as 万元 text; anything but whole 元 shows as empty. */
const wanTextOf = (yuan: string | undefined) =>
  yuan && /^\d+$/.test(yuan) ? yuanToWanText(Number(yuan)) : '';

/** 总投资 from … to … in 万元; the URL and the API hold 元 (investMin, investMax). */
function InvestmentRangeFilter({ state }: FilterRenderProps) {
  const min = state.filters.investMin;
  const max = state.filters.investMax;
  const [minText, setMinText] = useState(wanTextOf(min));
  const [maxText, setMaxText] = useState(wanTextOf(max));

  useEffect(() => setMinText(wanTextOf(min)), [min]);
  useEffect(() => setMaxText(wanTextOf(max)), [max]);

  const toYuan = (text: string) => {
    const yuan = text.trim() ? wanToYuan(text) : null;
    return yuan !== null && yuan >= 0 ? String(yuan) : undefined;
  };
  function apply() {
    const nextMin = toYuan(minText);
    const nextMax = toYuan(maxText);
    // Leaving the box without a change must not add a history entry.
    if (nextMin !== min) state.setFilter('investMin', nextMin);
    if (nextMax !== max) state.setFilter('investMax', nextMax);
  }

  return (
    <Space.Compact>
      <Input
        value={minText}
        onChange={(event) => setMinText(event.target.value)}
        onPressEnter={apply}
        onBlur={apply}
        inputMode="decimal"
        placeholder="最低"
        aria-label="总投资下限（万元）"
        style={{ width: 110 }}
      />
      <Input
        value="至"
        disabled
        tabIndex={-1}
        style={{ width: 40, textAlign: 'center', pointerEvents: 'none' }}
      />
      <Input
        value={maxText}
        onChange={(event) => setMaxText(event.target.value)}
        onPressEnter={apply}
        onBlur={apply}
        inputMode="decimal"
        placeholder="最高"
        aria-label="总投资上限（万元）"
        suffix="万元"
        style={{ width: 150 }}
      />
    </Space.Compact>
  );
}

/** 大类 narrowed to the chosen 门类. */
function industryCodeOptions(section: string | undefined) {
  return INDUSTRY_DIVISIONS.filter((division) => !section || division.section === section).map(
    (division) => ({
      value: division.code,
      label: `${division.code} ${division.name}`,
    }),
  );
}

const yesNo = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

/** The filters of 项目库, with the options that come from the server (板块, 责任单位, 责任领导). */
export function useProjectFilters(): ListFilter[] {
  const user = useCurrentUser();
  const regions = useRegions();
  const orgs = useOrgOptions('');
  const leaders = usePeople('leader');
  const currentYear = dayjs().year();

  return useMemo<ListFilter[]>(() => {
    const scopeIds = user.regionScopes.map((region) => region.id);
    return [
      { key: 'q', label: '关键词', kind: 'text', render: (props) => <KeywordFilter {...props} /> },
      {
        key: 'regionId',
        label: '板块',
        kind: 'tree-select',
        treeData: regions.data ? toRegionTreeOptions(regions.data.items, scopeIds) : [],
      },
      {
        key: 'state',
        label: '状态',
        kind: 'multi-select',
        options: PROJECT_STATES.map((state) => ({ value: state, label: PROJECT_STATE_LABELS[state] })),
      },
      {
        key: 'level',
        label: '级别',
        kind: 'select',
        options: LIBRARY_LEVELS.map((level) => ({ value: level, label: LIBRARY_LEVEL_LABELS[level] })),
      },
      {
        key: 'year',
        label: '年度',
        kind: 'select',
        isSecondary: true,
        options: [currentYear + 1, currentYear, currentYear - 1, currentYear - 2].map((year) => ({
          value: String(year),
          label: `${year}年`,
        })),
      },
      {
        key: 'startCategory',
        label: '计划类别',
        kind: 'select',
        isSecondary: true,
        options: START_CATEGORIES.map((category) => ({
          value: category,
          label: START_CATEGORY_LABELS[category],
        })),
      },
      { key: 'completing', label: '当年竣工', kind: 'select', isSecondary: true, options: yesNo },
      {
        key: 'industrySection',
        label: '门类',
        kind: 'select',
        isSecondary: true,
        options: Object.entries(INDUSTRY_SECTIONS).map(([value, name]) => ({
          value,
          label: `${value} ${name}`,
        })),
      },
      {
        key: 'industryCode',
        label: '大类',
        kind: 'select',
        isSecondary: true,
        options: industryCodeOptions(undefined),
        render: ({ value, onChange, state }) => (
          <IndustryCodeFilter value={value} onChange={onChange} section={state.filters.industrySection} />
        ),
      },
      {
        key: 'industryChain',
        label: '产业链',
        kind: 'select',
        isSecondary: true,
        options: INDUSTRY_CHAIN_OPTIONS,
      },
      {
        key: 'investMin',
        label: '总投资',
        kind: 'text',
        isSecondary: true,
        render: (props) => <InvestmentRangeFilter {...props} />,
      },
      { key: 'investMax', label: '总投资上限', kind: 'text', isSecondary: true, isHidden: true },
      {
        key: 'responsibleOrgId',
        label: '责任单位',
        kind: 'select',
        isSecondary: true,
        options: (orgs.data?.items ?? [])
          .filter((org) => org.kind !== 'enterprise')
          .map((org) => ({ value: org.id, label: org.shortName || org.name })),
      },
      {
        key: 'leaderUserId',
        label: '责任领导',
        kind: 'select',
        isSecondary: true,
        options: (leaders.data ?? []).map((person) => ({ value: person.id, label: person.displayName })),
      },
      { key: 'landReadyStart', label: '拿地即开工', kind: 'select', isSecondary: true, options: yesNo },
    ];
  }, [user.regionScopes, regions.data, orgs.data, leaders.data, currentYear]);
}

/** 大类, narrowed to the chosen 门类. */
function IndustryCodeFilter(props: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  section: string | undefined;
}) {
  return (
    <Select
      value={props.value}
      onChange={(next: string | undefined) => props.onChange(next)}
      options={industryCodeOptions(props.section)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部大类"
      aria-label="大类"
      style={{ width: 260, maxWidth: '100%' }}
    />
  );
}
