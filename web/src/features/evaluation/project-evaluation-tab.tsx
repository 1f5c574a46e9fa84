import type { EvaluationListItem, Project } from '@groundbreak/contract';
import { EVALUATION_KIND_LABELS, RECTIFICATION_STATUS_LABELS } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS } from '@groundbreak/domain';
import { Alert, Card, Empty, Flex, Skeleton, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatNumber } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useEvaluation, useEvaluationList } from './api';
import { EvaluationStatusTag, GradeTag } from './evaluation-parts';

// The project's 后评价 tab: its evaluations (投产评价, 达产评价, re-checks) with status, score and grade, and an
// open 整改 flagged; a row opens the evaluation, where the 整改 deadline and the breakdown are.

const BEFORE_PRODUCTION = new Set<string>([
  'LEAD',
  'NEGOTIATING',
  'SIGNED',
  'FILED',
  'LAND_PREP',
  'LAND_SUPPLIED',
  'APPROVING',
  'STARTED',
  'COMPLETED',
]);

/** The open 整改 of one evaluation with its deadline (read from the evaluation). */
function OpenRectifications({ evaluation }: { evaluation: EvaluationListItem }) {
  const detail = useEvaluation(evaluation.id);
  const open = (detail.data?.rectifications ?? []).filter(
    (r) => r.status === 'open' || r.status === 'rechecking',
  );
  return (
    <>
      {open.map((r) => (
        <Alert
          key={r.id}
          type={r.overdue ? 'error' : 'warning'}
          showIcon
          data-testid="project-open-rectification"
          title={`${EVALUATION_KIND_LABELS[evaluation.kind]}不合格，整改通知 ${r.noticeNo}：${RECTIFICATION_STATUS_LABELS[r.status]}，整改期限 ${formatDate(r.deadlineOn)}${r.overdue ? '（已逾期）' : ''}`}
          action={<Link to={`/evaluations/${evaluation.id}`}>查看</Link>}
        />
      ))}
    </>
  );
}

/** The project's 后评价 tab. */
export function ProjectEvaluationTab({ project }: { project: Project }) {
  const navigate = useNavigate();
  const canRead = useCan('evaluation.read');
  const list = useEvaluationList({ page: 1, pageSize: 50, sort: '-dueOn', projectId: project.id }, canRead);
  if (!canRead) {
    return (
      <Card size="small">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="后评价由区发改、工信和板块办理，您的角色无查看权限"
        />
      </Card>
    );
  }
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Skeleton active />;
  const items = list.data.items;
  if (items.length === 0) {
    return (
      <Card size="small">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            BEFORE_PRODUCTION.has(project.state)
              ? `项目当前为「${PROJECT_STATE_LABELS[project.state]}」。投产满 12 个月后生成投产评价，达产年度次年 3 月 1 日生成达产评价。`
              : '尚未生成评价任务：投产满 12 个月后生成投产评价，达产年度次年 3 月 1 日（有年度数据时）生成达产评价。'
          }
        />
      </Card>
    );
  }
  return (
    <Card size="small" title="后评价" extra={<Link to={`/evaluations`}>全部后评价</Link>}>
      <Flex vertical gap={8}>
        {items
          .filter((e) => e.openRectifications > 0)
          .map((e) => (
            <OpenRectifications key={e.id} evaluation={e} />
          ))}
        <Table<EvaluationListItem>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          onRow={(e) => ({ onClick: () => navigate(`/evaluations/${e.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'kind',
              title: '评价',
              render: (_, e) => (
                <Link to={`/evaluations/${e.id}`}>
                  {EVALUATION_KIND_LABELS[e.kind]}（{e.dataYear}年）
                </Link>
              ),
            },
            {
              key: 'status',
              title: '状态',
              render: (_, e) => (
                <Flex gap={4} wrap>
                  <EvaluationStatusTag status={e.status} />
                  {e.openRectifications > 0 && <Tag color="warning">整改中</Tag>}
                </Flex>
              ),
            },
            {
              key: 'score',
              title: '得分',
              align: 'right',
              render: (_, e) => (e.score === null ? '—' : formatNumber(e.score, 1)),
            },
            { key: 'grade', title: '等级', render: (_, e) => <GradeTag grade={e.grade} /> },
            { key: 'fillBy', title: '填报截止', render: (_, e) => formatDate(e.fillBy ?? e.dueOn) },
            { key: 'notified', title: '反馈日期', render: (_, e) => formatDate(e.notifiedOn) },
          ]}
        />
      </Flex>
    </Card>
  );
}
