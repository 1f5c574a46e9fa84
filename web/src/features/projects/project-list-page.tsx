import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { ProjectListItem } from '@groundbreak/contract';
import { industryLabel, PROJECT_SORTS } from '@groundbreak/contract';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatDate, formatDateTime, formatWan } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useProjectList } from './api';
import { ProjectExportButton } from './project-export-button';
import { useProjectFilters } from './project-list-filters';
import { DemoTag, LevelTags, ProjectStateTag } from './project-tags';
import { SavedViews } from './saved-views';

const text = (value: string | null) => value || EMPTY_VALUE;

const COLUMNS: ListColumn<ProjectListItem>[] = [
  {
    key: 'internalNo',
    title: '内部编号',
    sortField: 'internalNo',
    render: (project) => <span style={{ whiteSpace: 'nowrap' }}>{project.internalNo}</span>,
  },
  {
    key: 'name',
    title: '项目名称',
    sortField: 'name',
    isRequired: true,
    render: (project) => (
      <Flex gap={6} align="center" style={{ minWidth: 220, maxWidth: 360 }}>
        <Link
          to={`/projects/${project.id}`}
          onClick={(event) => event.stopPropagation()}
          style={{ fontWeight: 500 }}
        >
          {project.name}
        </Link>
        <DemoTag isDemo={project.isDemo} />
      </Flex>
    ),
  },
  { key: 'regionName', title: '所属板块', render: (project) => project.regionName },
  {
    key: 'state',
    title: '状态',
    sortField: 'state',
    render: (project) => <ProjectStateTag state={project.state} />,
  },
  { key: 'levels', title: '级别', render: (project) => <LevelTags levels={project.levels} /> },
  {
    key: 'totalInvestment',
    title: '总投资（万元）',
    sortField: 'totalInvestment',
    align: 'right',
    render: (project) =>
      project.totalInvestment === null ? (
        EMPTY_VALUE
      ) : (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatWan(project.totalInvestment)}</span>
      ),
  },
  {
    key: 'projectCode',
    title: '项目代码',
    render: (project) =>
      project.projectCode ? (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {project.projectCode}
        </span>
      ) : (
        <Typography.Text type="secondary">未赋码</Typography.Text>
      ),
  },
  {
    key: 'builderName',
    title: '建设单位',
    render: (project) => (
      <Typography.Text ellipsis={{ tooltip: project.builderName }} style={{ maxWidth: 200 }}>
        {text(project.builderName)}
      </Typography.Text>
    ),
  },
  { key: 'industryChain', title: '产业类别', render: (project) => text(project.industryChain) },
  {
    key: 'industryCode',
    title: '行业',
    isHiddenByDefault: true,
    render: (project) => industryLabel(project.industryCode) || EMPTY_VALUE,
  },
  { key: 'responsibleOrgName', title: '责任单位', render: (project) => text(project.responsibleOrgName) },
  { key: 'leaderName', title: '责任领导', render: (project) => text(project.leaderName) },
  {
    key: 'plannedStartOn',
    title: '计划开工',
    sortField: 'plannedStartOn',
    render: (project) => formatDate(project.plannedStartOn),
  },
  {
    key: 'actualStartOn',
    title: '实际开工',
    sortField: 'actualStartOn',
    render: (project) => formatDate(project.actualStartOn),
  },
  {
    key: 'landReadyStart',
    title: '拿地即开工',
    isHiddenByDefault: true,
    render: (project) => (project.landReadyStart ? <Tag color="green">是</Tag> : EMPTY_VALUE),
  },
  {
    key: 'updatedAt',
    title: '更新时间',
    sortField: 'updatedAt',
    isHiddenByDefault: true,
    render: (project) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(project.updatedAt)}</span>,
  },
];

/** 项目库: every project in the user's data scope, searchable, filterable, with saved views. */
export function ProjectListPage() {
  const filters = useProjectFilters();
  const state = useListSearchParams({ filters, sortFields: PROJECT_SORTS, defaultSort: '-updatedAt' });
  const result = useProjectList(state.query);
  const canCreate = useCan('registry.write');
  const navigate = useNavigate();

  return (
    <PageContainer
      title="项目库"
      description="招引落地、开工建设、投产达效全过程的项目档案；点击项目查看详情、推进状态、上传材料"
    >
      <ListPage<ProjectListItem>
        listId="projects"
        state={state}
        filters={filters}
        columns={COLUMNS}
        result={result}
        rowKey={(project) => project.id}
        actions={
          <>
            <SavedViews />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')}>
                登记项目
              </Button>
            )}
            {canCreate ? (
              <Tooltip title="从 Excel 批量登记或更新项目：先预览，确认后全部写入">
                <Button icon={<UploadOutlined />} onClick={() => navigate('/projects/import')}>
                  导入
                </Button>
              </Tooltip>
            ) : (
              <Tooltip title="导入模板（中文表头、下拉选项、填表说明）">
                <Button icon={<UploadOutlined />} href="/api/projects/import-template">
                  导入模板
                </Button>
              </Tooltip>
            )}
            <ProjectExportButton href={exportHref('/api/projects/export', state.query)} />
          </>
        }
        onRowClick={(project) => navigate(`/projects/${project.id}`)}
        emptyText={canCreate ? '暂无项目，点击"登记项目"或"导入"' : '您的数据范围内暂无项目'}
      />
    </PageContainer>
  );
}
