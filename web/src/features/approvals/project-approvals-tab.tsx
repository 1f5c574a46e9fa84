import type { ApprovalItem, Project } from '@groundbreak/contract';
import { APPROVAL_STAGE_LABELS } from '@groundbreak/contract';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { describeError } from '../../lib/describe-error';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useConvertSimulated, useGenerateApprovals, useProjectApprovals, useProjectLandReady } from './api';
import { ApprovalItemDrawer, ApprovalStatusTag, deptLabel, limitLabel, SlaTag } from './approval-parts';
import { LandReadyCard } from './land-ready-parts';

// A project's 审批 tab: the four stages of the approval reform side by side, each item under its stage with
// the items of one parallel group (并联审批) together, every item's state and time limit; the whole process in
// working days against Jiangsu's 100; generating the items that apply, and 模拟审批 → 转正 after land supply.

const STAGES = [1, 2, 3, 4] as const;

function ItemCard({ item, onOpen }: { item: ApprovalItem; onOpen: () => void }) {
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      data-testid={`approval-${item.code}`}
      styles={{ body: { padding: 10 } }}
      style={{
        borderLeft: `3px solid ${
          item.sla.state === 'overdue' || item.followUpOverdue
            ? '#ff4d4f'
            : item.sla.state === 'due_soon'
              ? '#faad14'
              : item.status === 'done'
                ? '#52c41a'
                : '#d9d9d9'
        }`,
      }}
    >
      <Flex vertical gap={4}>
        <Typography.Text strong style={{ fontSize: 13 }}>
          {item.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {deptLabel(item.deptKind)} · {limitLabel(item)}
        </Typography.Text>
        <Space size={4} wrap>
          <ApprovalStatusTag item={item} />
          <SlaTag item={item} />
          {item.commitment && <Tag>告知承诺</Tag>}
        </Space>
        {(item.acceptedOn || item.doneOn) && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.acceptedOn && `受理 ${formatDate(item.acceptedOn)}`}
            {item.dueOn && item.status !== 'done' && ` · 到期 ${formatDate(item.dueOn)}`}
            {item.doneOn && ` · 办结 ${formatDate(item.doneOn)}`}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** The items of one stage, a parallel group's items framed together. */
function StageColumn({
  stage,
  items,
  onOpen,
}: {
  stage: 1 | 2 | 3 | 4;
  items: ApprovalItem[];
  onOpen: (i: ApprovalItem) => void;
}) {
  const groups: Array<{ key: string; group: string | null; items: ApprovalItem[] }> = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    const existing = item.parallelGroup ? groups.find((g) => g.group === item.parallelGroup) : undefined;
    if (existing) existing.items.push(item);
    else if (last && !item.parallelGroup && last.group === null) last.items.push(item);
    else groups.push({ key: item.code, group: item.parallelGroup, items: [item] });
  }
  const done = items.filter((i) => i.status === 'done' || i.status === 'exempt').length;
  return (
    <Card
      size="small"
      title={
        <Flex justify="space-between" align="center">
          <span>
            第{'一二三四'[stage - 1]}阶段 · {APPROVAL_STAGE_LABELS[stage]}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {done}/{items.length}
          </Typography.Text>
        </Flex>
      }
      styles={{ body: { padding: 10 } }}
      data-testid={`stage-${stage}`}
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">本阶段无适用事项</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {groups.map((g) => (
            <div
              key={g.key}
              style={
                g.group
                  ? { border: '1px dashed #91caff', borderRadius: 6, padding: 6, background: '#f5faff' }
                  : undefined
              }
            >
              {g.group && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
                  {g.group === 'PL' ? '随出让合同同步核发' : `并联审批 ${g.group}`}
                </Typography.Text>
              )}
              <Flex vertical gap={6}>
                {g.items.map((i) => (
                  <ItemCard key={i.id} item={i} onOpen={() => onOpen(i)} />
                ))}
              </Flex>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export function ProjectApprovalsTab({ project }: { project: Project }) {
  const { message } = App.useApp();
  const approvals = useProjectApprovals(project.id);
  const landReady = useProjectLandReady(project.id);
  const generate = useGenerateApprovals(project.id);
  const convert = useConvertSimulated(project.id);
  const canGenerate = useCan('registry.write');
  const [openId, setOpenId] = useState<string>();

  if (approvals.error) return <ErrorAlert error={approvals.error} onRetry={() => void approvals.refetch()} />;
  if (!approvals.data) return <Skeleton active />;
  const { items, missing, wholeProcessDays, targetDays, simulatedOpen, landSupplied } = approvals.data;
  const open = items.find((i) => i.id === openId);
  const overdue = items.filter((i) => i.sla.state === 'overdue').length;
  const dueSoon = items.filter((i) => i.sla.state === 'due_soon').length;

  const onGenerate = () =>
    generate.mutate(undefined, {
      onSuccess: (r) => message.success(`已生成 ${r.added} 个审批事项`),
      onError: (e) => message.error(`生成失败：${describeError(e).message}`),
    });
  const onConvert = () =>
    convert.mutate(undefined, {
      onSuccess: (r) => message.success(`${r.converted} 个模拟审批事项已转为正式审批`),
      onError: (e) => message.error(`转正失败：${describeError(e).message}`),
    });

  return (
    <Flex vertical gap={16}>
      <Row gutter={16} align="middle">
        <Col flex="auto">
          <Space size="large" wrap>
            <span>
              全流程用时{' '}
              <Typography.Text strong data-testid="whole-process-days">
                {wholeProcessDays ?? 0}
              </Typography.Text>{' '}
              / {targetDays} 个工作日
            </span>
            <Progress
              percent={Math.min(100, Math.round(((wholeProcessDays ?? 0) / targetDays) * 100))}
              status={(wholeProcessDays ?? 0) > targetDays ? 'exception' : 'normal'}
              showInfo={false}
              style={{ width: 160, margin: 0 }}
            />
            {overdue > 0 && <Tag color="red">超期 {overdue} 项</Tag>}
            {dueSoon > 0 && <Tag color="gold">临期 {dueSoon} 项</Tag>}
          </Space>
        </Col>
        <Col>
          <Space>
            {simulatedOpen > 0 && landSupplied && canGenerate && (
              <Button onClick={onConvert} loading={convert.isPending}>
                模拟审批转正（{simulatedOpen} 项）
              </Button>
            )}
            {canGenerate && missing.length > 0 && (
              <Button type="primary" onClick={onGenerate} loading={generate.isPending}>
                {items.length === 0 ? '生成审批事项' : `补充生成 ${missing.length} 项`}
              </Button>
            )}
          </Space>
        </Col>
      </Row>
      {landReady.data && (landReady.data.expected || items.length > 0) && (
        <LandReadyCard data={landReady.data} />
      )}
      {simulatedOpen > 0 && !landSupplied && (
        <Alert
          type="info"
          showIcon
          title={`${simulatedOpen} 个事项按模拟审批办理中`}
          description="土地供应（已供地）后，可一次转为正式审批。"
        />
      )}
      {items.length === 0 ? (
        <Empty
          description={
            missing.length > 0
              ? `按项目的用地方式和投资类型，适用 ${missing.length} 个审批事项，尚未生成`
              : '没有适用的审批事项'
          }
        />
      ) : (
        <Row gutter={[12, 12]}>
          {STAGES.map((stage) => (
            <Col key={stage} xs={24} md={12} xl={6}>
              <StageColumn
                stage={stage}
                items={items.filter((i) => i.stage === stage)}
                onOpen={(i) => setOpenId(i.id)}
              />
            </Col>
          ))}
        </Row>
      )}
      <ApprovalItemDrawer projectId={project.id} item={open} onClose={() => setOpenId(undefined)} />
    </Flex>
  );
}
