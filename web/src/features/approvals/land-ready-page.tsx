import type { LandReadyListItem } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS } from '@groundbreak/contract';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useLandReadyList } from './api';
import { LandReadyOutcome, landReadyRowKey } from './land-ready-parts';

// 拿地即开工: every project in the mode (marked so, or a province/city/district major project on land) with its
// readiness before the land deal and, after it, whether the permit came within the days the rule allows — for 区发改.

const FILTERS: ListFilter[] = [
  {
    key: 'outcome',
    label: '结果',
    kind: 'select',
    options: [
      { value: 'pending', label: '准备中' },
      { value: 'achieved', label: '已实现' },
      { value: 'missed', label: '未实现' },
    ],
  },
];

const columnsFor = (withinDays: number): ListColumn<LandReadyListItem>[] => [
  { key: 'no', title: '内部编号', sortField: 'internalNo', width: 130, render: (i) => i.project.internalNo },
  { key: 'name', title: '项目', isRequired: true, render: (i) => i.project.name },
  { key: 'region', title: '板块', width: 140, render: (i) => i.project.regionName },
  {
    key: 'state',
    title: '状态',
    width: 90,
    render: (i) =>
      PROJECT_STATE_LABELS[i.project.state as keyof typeof PROJECT_STATE_LABELS] ?? i.project.state,
  },
  {
    key: 'outcome',
    title: '准备 / 结果',
    width: 240,
    render: (i) => <LandReadyOutcome assessment={i.assessment} withinDays={withinDays} />,
  },
  { key: 'planned', title: '计划拿地', width: 110, render: (i) => formatDate(i.assessment.plannedLandOn) },
  {
    key: 'predicted',
    title: '预计发证',
    width: 110,
    render: (i) => formatDate(i.assessment.predictedPermitOn),
  },
  { key: 'contract', title: '出让合同', width: 110, render: (i) => formatDate(i.contractOn) },
  { key: 'permit', title: '施工许可', width: 110, render: (i) => formatDate(i.permitOn) },
];

export function LandReadyPage() {
  const navigate = useNavigate();
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['internalNo'],
    defaultSort: 'internalNo',
  });
  const result = useLandReadyList(state.query);
  // The rule the server judged the outcomes by (审批规则, set by 区发改).
  const withinDays = result.data?.withinDays ?? 1;
  const columns = useMemo(() => columnsFor(withinDays), [withinDays]);
  return (
    <PageContainer
      title="拿地即开工"
      description={`省、市重大和区重点用地项目原则上拿地即开工：供地前完成方案和施工图预审、环评、用地清单和施工许可准备，拿地后 ${withinDays} 天内取得施工许可`}
    >
      <ListPage<LandReadyListItem>
        listId="land-ready"
        state={state}
        filters={FILTERS}
        columns={columns}
        result={result}
        rowKey={landReadyRowKey}
        onRowClick={(i) => navigate(`/projects/${i.project.id}?tab=approvals`)}
        emptyText="没有按拿地即开工推进的项目"
      />
    </PageContainer>
  );
}
