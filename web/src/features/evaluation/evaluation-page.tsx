import type { EvaluationDetail } from '@groundbreak/contract';
import {
  DISPOSITION_MEASURE_LABELS,
  EVALUATION_KIND_LABELS,
  EVALUATION_STATUS_LABELS,
  OPTIMISATION_CATEGORY_LABELS,
} from '@groundbreak/contract';
import { EVALUATION_STATUSES } from '@groundbreak/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Grid,
  Popconfirm,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { ReasonModal } from '../../components/reason-modal';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { formatDate, formatDateTime, formatNumber, formatWan } from '../../lib/format';
import { useEvaluation, useEvaluationStep, useRecheck } from './api';
import { Breakdown, FiguresForm, FiguresView } from './evaluation-figures';
import { ActionModal, DispositionModal, NotifyModal, RectificationModal } from './evaluation-modals';
import { ActionStatusTag, EvaluationStatusTag, GradeTag, RectificationStatusTag } from './evaluation-parts';

// One evaluation: where it stands (待填报 → 已填报 → 已核查 → 已评分 → 已反馈), the enterprise's figures beside
// the commitments, 核查 by the 板块, 评分 by 区发改/工信 with the breakdown of every indicator, 反馈企业; for a
// 不合格: 整改通知 → 复核 (a new evaluation) → 违约处置; and the optimisation actions raised from it. The
// buttons are those the server's `can` allows. The enterprise fills its figures here on a phone.

type Open = 'return' | 'notify' | 'rectify' | 'dispose' | 'action' | undefined;

function StatusSteps({ detail, isPhone }: { detail: EvaluationDetail; isPhone: boolean }) {
  const times: Record<string, string | null> = {
    filled: detail.filledAt,
    verified: detail.verifiedAt,
    scored: detail.scoredAt,
    notified: detail.notifiedAt,
  };
  const current = EVALUATION_STATUSES.indexOf(detail.status);
  return (
    <Card size="small">
      <Steps
        size="small"
        type={isPhone ? 'inline' : 'default'}
        responsive={false}
        current={current}
        status={detail.status === 'notified' ? 'finish' : 'process'}
        items={EVALUATION_STATUSES.map((s) => ({
          title: EVALUATION_STATUS_LABELS[s],
          content: times[s] ? formatDateTime(times[s]).slice(0, 10) : undefined,
        }))}
      />
    </Card>
  );
}

function Actions({
  detail,
  isPhone,
  onOpen,
}: {
  detail: EvaluationDetail;
  isPhone: boolean;
  onOpen: (open: Open) => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const step = useEvaluationStep(detail.id);
  const recheck = useRecheck();
  const can = detail.can;
  const size = isPhone ? 'large' : 'middle';
  const openRectification = detail.rectifications.find((r) => r.status === 'open');
  const onError = (e: unknown) => void message.error(describeError(e).message);
  const buttons = [
    can.verify && (
      <Button
        key="verify"
        type="primary"
        size={size}
        block={isPhone}
        loading={step.isPending}
        onClick={() =>
          step.mutate(
            { step: 'verify', version: detail.version, approve: true },
            { onSuccess: () => void message.success('核查通过，等待评分'), onError },
          )
        }
      >
        核查通过
      </Button>
    ),
    can.verify && (
      <Button key="return" danger size={size} block={isPhone} onClick={() => onOpen('return')}>
        退回企业
      </Button>
    ),
    can.score && (
      <Popconfirm
        key="score"
        title="按当前指标、权重计算得分和等级？"
        okText="评分"
        cancelText="取消"
        onConfirm={() =>
          step.mutate(
            { step: 'score', version: detail.version },
            { onSuccess: (d) => void message.success(`评分完成：${formatNumber(d.score, 1)} 分`), onError },
          )
        }
      >
        <Button type="primary" size={size} block={isPhone} loading={step.isPending}>
          评分
        </Button>
      </Popconfirm>
    ),
    can.notify && (
      <Button key="notify" type="primary" size={size} block={isPhone} onClick={() => onOpen('notify')}>
        反馈企业
      </Button>
    ),
    can.rectify && (
      <Button key="rectify" danger size={size} block={isPhone} onClick={() => onOpen('rectify')}>
        下发整改通知
      </Button>
    ),
    can.recheck && openRectification && (
      <Popconfirm
        key="recheck"
        title="发起复核？"
        description="将生成一项整改复核评价，由企业重新填报、板块核查后评分"
        okText="发起复核"
        cancelText="取消"
        onConfirm={() =>
          recheck.mutate(openRectification.id, {
            onSuccess: (created) => {
              message.success('已发起复核');
              navigate(`/evaluations/${created.id}`);
            },
            onError,
          })
        }
      >
        <Button type="primary" size={size} block={isPhone} loading={recheck.isPending}>
          发起复核
        </Button>
      </Popconfirm>
    ),
    can.dispose && (
      <Button key="dispose" danger size={size} block={isPhone} onClick={() => onOpen('dispose')}>
        违约处置
      </Button>
    ),
    can.raiseAction && (
      <Button key="action" size={size} block={isPhone} onClick={() => onOpen('action')}>
        提出优化措施
      </Button>
    ),
  ].filter(Boolean);
  if (buttons.length === 0) return null;
  return (
    <Flex gap={8} vertical={isPhone} wrap={!isPhone} style={isPhone ? { width: '100%' } : undefined}>
      {buttons}
    </Flex>
  );
}

function Info({ detail }: { detail: EvaluationDetail }) {
  return (
    <Card size="small" title="评价信息">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          {
            key: 'project',
            label: '项目',
            children: <Link to={`/projects/${detail.projectId}?tab=evaluation`}>{detail.projectName}</Link>,
          },
          { key: 'enterprise', label: '企业', children: detail.enterpriseName ?? '—' },
          { key: 'region', label: '板块', children: detail.regionName },
          { key: 'kind', label: '评价类型', children: EVALUATION_KIND_LABELS[detail.kind] },
          { key: 'year', label: '数据年度', children: `${detail.dataYear}年` },
          { key: 'chain', label: '产业类别', children: detail.industryChain ?? '—' },
          { key: 'due', label: '任务生成日', children: formatDate(detail.dueOn) },
          { key: 'fillBy', label: '填报截止', children: formatDate(detail.fillBy) },
          ...(detail.parentId
            ? [
                {
                  key: 'parent',
                  label: '复核的评价',
                  children: <Link to={`/evaluations/${detail.parentId}`}>查看原评价</Link>,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function Rectifications({ detail }: { detail: EvaluationDetail }) {
  const rows = detail.rectifies ? [detail.rectifies] : detail.rectifications;
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={detail.rectifies ? '本次复核的整改' : '整改'} data-testid="rectifications">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { key: 'no', title: '通知编号', render: (_, r) => r.noticeNo },
          {
            key: 'requirements',
            title: '整改要求',
            render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.requirements}</span>,
          },
          { key: 'issued', title: '下发日期', render: (_, r) => formatDate(r.issuedOn) },
          {
            key: 'deadline',
            title: '整改期限',
            render: (_, r) => (
              <Space size={4}>
                {formatDate(r.deadlineOn)}
                {r.overdue && <Tag color="error">已逾期</Tag>}
              </Space>
            ),
          },
          {
            key: 'status',
            title: '状态',
            render: (_, r) => <RectificationStatusTag status={r.status} />,
          },
          {
            key: 'recheck',
            title: '复核',
            render: (_, r) =>
              r.recheckEvaluationId && r.recheckEvaluationId !== detail.id ? (
                <Link to={`/evaluations/${r.recheckEvaluationId}`} data-testid="recheck-link">
                  查看复核评价
                </Link>
              ) : r.recheckEvaluationId === detail.id ? (
                '本评价'
              ) : (
                '—'
              ),
          },
        ]}
      />
      {detail.rectifies?.status === 'failed' && detail.parentId && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title="复核仍不合格"
          description={
            detail.can.dispose ? (
              '可点击"违约处置"，按投资协议约定记录处置措施。'
            ) : (
              <span>
                由区发改/工信按协议约定进行违约处置，处置记录见
                <Link to={`/evaluations/${detail.parentId}`}>原评价</Link>。
              </span>
            )
          }
        />
      )}
    </Card>
  );
}

function Dispositions({ detail }: { detail: EvaluationDetail }) {
  if (detail.dispositions.length === 0) return null;
  return (
    <Card size="small" title="违约处置" data-testid="dispositions">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.dispositions}
        columns={[
          { key: 'measure', title: '处置措施', render: (_, d) => DISPOSITION_MEASURE_LABELS[d.measure] },
          { key: 'description', title: '处置内容', render: (_, d) => d.description },
          { key: 'decisionNo', title: '决定文号', render: (_, d) => d.decisionNo ?? '—' },
          { key: 'decidedOn', title: '决定日期', render: (_, d) => formatDate(d.decidedOn) },
          {
            key: 'amount',
            title: '涉及金额',
            align: 'right',
            render: (_, d) => (d.amountYuan === null ? '—' : `${formatWan(d.amountYuan)} 万元`),
          },
        ]}
      />
    </Card>
  );
}

function ActionsRaised({ detail }: { detail: EvaluationDetail }) {
  if (detail.actions.length === 0) return null;
  return (
    <Card
      size="small"
      title="优化措施"
      extra={<Link to={`/evaluations/actions?evaluationId=${detail.id}`}>在优化措施中查看</Link>}
      data-testid="evaluation-actions"
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.actions}
        columns={[
          { key: 'title', title: '措施', render: (_, a) => a.title },
          { key: 'category', title: '类别', render: (_, a) => OPTIMISATION_CATEGORY_LABELS[a.category] },
          {
            key: 'owner',
            title: '责任单位/人',
            render: (_, a) => [a.ownerOrgName, a.ownerName].filter(Boolean).join(' · ') || '—',
          },
          { key: 'due', title: '完成期限', render: (_, a) => formatDate(a.dueOn) },
          {
            key: 'status',
            title: '状态',
            render: (_, a) => <ActionStatusTag status={a.status} overdue={a.overdue} />,
          },
        ]}
      />
    </Card>
  );
}

function Feedback({ detail }: { detail: EvaluationDetail }) {
  if (!detail.feedback) return null;
  return (
    <Card size="small" title="反馈意见" data-testid="evaluation-feedback">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
        {detail.feedback}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(detail.notifiedAt)} 反馈
      </Typography.Text>
    </Card>
  );
}

export function EvaluationPage() {
  const { id = '' } = useParams();
  const query = useEvaluation(id);
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [open, setOpen] = useState<Open>();
  const step = useEvaluationStep(id);
  const { message } = App.useApp();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const d = query.data;
  const isScored = d.breakdown !== null && (d.status === 'scored' || d.status === 'notified');
  return (
    <PageContainer
      title={
        <Space wrap size={[8, 4]}>
          <span style={{ wordBreak: 'break-word' }}>{d.projectName}</span>
          <Tag>{EVALUATION_KIND_LABELS[d.kind]}</Tag>
          <EvaluationStatusTag status={d.status} testId="evaluation-status" />
          {d.grade && <GradeTag grade={d.grade} />}
        </Space>
      }
      description={`${d.dataYear}年数据 · ${d.regionName}${d.enterpriseName ? ` · ${d.enterpriseName}` : ''}`}
      extra={<Actions detail={d} isPhone={isPhone} onOpen={setOpen} />}
    >
      <Flex vertical gap={16} style={{ minWidth: 0 }}>
        <StatusSteps detail={d} isPhone={isPhone} />
        {d.status === 'pending' && d.verifyNote && (
          <Alert type="error" showIcon title={`核查退回：${d.verifyNote}`} data-testid="verify-note" />
        )}
        {d.status !== 'pending' && d.verifyNote && (
          <Alert type="info" showIcon title={`核查意见：${d.verifyNote}`} />
        )}
        {d.grade === 'fail' && d.kind !== 'recheck' && d.rectifications.length === 0 && !d.can.rectify && (
          <Alert type="warning" showIcon title="评价不合格，等待区发改/工信下发整改通知" />
        )}
        <Feedback detail={d} />
        {isScored && <Breakdown detail={d} />}
        {d.can.fill ? (
          <FiguresForm key={d.version} detail={d} isPhone={isPhone} />
        ) : (
          !isScored && <FiguresView detail={d} />
        )}
        <Rectifications detail={d} />
        <Dispositions detail={d} />
        <ActionsRaised detail={d} />
        <Info detail={d} />
        <SubmitErrorAlert error={step.error} />
      </Flex>
      <ReasonModal
        open={open === 'return'}
        title="退回企业"
        okText="退回企业"
        label="核查意见"
        placeholder="如：固定资产投资与审计报告不符，请按审计报告填写"
        maxLength={500}
        isDanger
        isSaving={step.isPending}
        onCancel={() => setOpen(undefined)}
        onSubmit={(note) =>
          step.mutate(
            { step: 'verify', version: d.version, approve: false, note },
            {
              onSuccess: () => {
                message.success('已退回企业重新填报');
                setOpen(undefined);
              },
            },
          )
        }
      />
      {open === 'notify' && <NotifyModal detail={d} onClose={() => setOpen(undefined)} />}
      {open === 'rectify' && <RectificationModal detail={d} onClose={() => setOpen(undefined)} />}
      {open === 'dispose' && <DispositionModal detail={d} onClose={() => setOpen(undefined)} />}
      {open === 'action' && (
        <ActionModal evaluationId={d.id} industryChain={d.industryChain} onClose={() => setOpen(undefined)} />
      )}
    </PageContainer>
  );
}
