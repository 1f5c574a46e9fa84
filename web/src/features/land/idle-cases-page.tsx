import type { IdleCase } from '@groundbreak/contract';
import {
  IDLE_CASE_STAGE_LABELS,
  IDLE_CASE_STAGES,
  IDLE_CAUSE_LABELS,
  IDLE_DISPOSAL_LABELS,
} from '@groundbreak/contract';
import { Button, Drawer, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useIdleCases } from './api';
import { IdleCasePanel } from './idle-case-panel';

const FILTERS: ListFilter[] = [
  {
    key: 'stage',
    label: '环节',
    kind: 'multi-select',
    options: IDLE_CASE_STAGES.map((s) => ({ value: s, label: IDLE_CASE_STAGE_LABELS[s] })),
  },
];

const COLUMNS: ListColumn<IdleCase>[] = [
  { key: 'parcel', title: '地块', isRequired: true, render: (c) => `${c.parcelName}（${c.parcelNo}）` },
  { key: 'region', title: '板块', width: 150, render: (c) => c.regionName },
  {
    key: 'stage',
    title: '环节',
    sortField: 'stage',
    width: 110,
    render: (c) => (
      <Tag color={c.stage === 'closed' ? 'default' : 'processing'}>{IDLE_CASE_STAGE_LABELS[c.stage]}</Tag>
    ),
  },
  {
    key: 'cause',
    title: '闲置原因',
    width: 100,
    render: (c) => (c.cause ? IDLE_CAUSE_LABELS[c.cause] : '—'),
  },
  {
    key: 'disposal',
    title: '处置方式',
    width: 150,
    render: (c) => (c.disposal ? IDLE_DISPOSAL_LABELS[c.disposal] : '—'),
  },
  { key: 'deadline', title: '执行期限', width: 110, render: (c) => formatDate(c.deadlineOn) },
  { key: 'notice', title: '调查通知', width: 110, render: (c) => formatDate(c.noticeOn) },
];

/** 闲置土地处置: every case in scope, by stage; a case opens in a drawer with its procedure. */
export function IdleCasesPage() {
  const navigate = useNavigate();
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['updatedAt', 'stage'],
    defaultSort: '-updatedAt',
  });
  const result = useIdleCases(state.query);
  const canAdvance = useCan('land.write');
  const [selected, setSelected] = useState<IdleCase>();
  const current = selected ? (result.data?.items.find((c) => c.id === selected.id) ?? selected) : undefined;
  return (
    <PageContainer
      title="闲置土地处置"
      description="超过约定动工日期一年未动工的土地，按《闲置土地处置办法》调查、认定、处置；疑似闲置由每日检查提示"
      extra={<Button onClick={() => navigate('/land/parcels?idle=any')}>查看预警地块</Button>}
    >
      <ListPage<IdleCase>
        listId="idle-cases"
        state={state}
        filters={FILTERS}
        columns={COLUMNS}
        result={result}
        rowKey={(c) => c.id}
        onRowClick={setSelected}
        emptyText="暂无处置案件；疑似闲置的地块可在地块页“启动闲置调查”"
      />
      <Drawer
        open={current !== undefined}
        onClose={() => setSelected(undefined)}
        size="large"
        title="处置案件"
        extra={
          current ? (
            <Button onClick={() => navigate(`/land/parcels/${current.parcelId}`)}>查看地块</Button>
          ) : null
        }
      >
        {current ? <IdleCasePanel c={current} canAdvance={canAdvance} /> : null}
      </Drawer>
    </PageContainer>
  );
}
