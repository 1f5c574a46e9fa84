import type { PlanTemplateView } from '@groundbreak/contract';
import { LIMIT_UNIT_LABELS, ORG_KIND_LABELS, type OrgKind } from '@groundbreak/contract';
import { responsibleKinds } from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { describeError } from '../../lib/describe-error';
import { useCan } from '../auth/use-current-user';
import { usePlanTemplates, useUpdatePlanTemplate } from './api';

// 倒排计划模板: the 区发改 keeps templates A/B/C — each node's name, duration (working or calendar days) and
// responsible unit, what it waits for, and the anchor milestone. The server refuses a cycle or a negative
// duration naming the nodes; plans already made keep the network they were made with.

type Node = PlanTemplateView['nodes'][number];
type Link = PlanTemplateView['links'][number];

function TemplateEditor({ template, canEdit }: { template: PlanTemplateView; canEdit: boolean }) {
  const { message } = App.useApp();
  const save = useUpdatePlanTemplate();
  const [name, setName] = useState(template.name);
  const [anchor, setAnchor] = useState(template.anchor);
  const [nodes, setNodes] = useState<Node[]>(template.nodes);
  const [links, setLinks] = useState<Link[]>(template.links);

  const setNode = (key: string, patch: Partial<Node>) =>
    setNodes((ns) => ns.map((n) => (n.key === key ? { ...n, ...patch } : n)));
  const predecessorsOf = (key: string) => links.filter((l) => l.to === key).map((l) => l.from);
  const setLag = (from: string, to: string, lag: number) =>
    setLinks((ls) => ls.map((l) => (l.from === from && l.to === to ? { ...l, lag } : l)));
  const nameOf = (key: string) => nodes.find((n) => n.key === key)?.name ?? key;
  const setPredecessors = (key: string, from: string[]) =>
    setLinks((ls) => [
      ...ls.filter((l) => l.to !== key),
      ...from.map((f) => ls.find((l) => l.to === key && l.from === f) ?? { from: f, to: key, lag: 0 }),
    ]);
  const addNode = () => {
    const key = `n${Date.now().toString(36)}`;
    setNodes((ns) => [...ns, { key, name: '新节点', duration: 5, unit: 'working', responsible: '' }]);
  };
  const removeNode = (key: string) => {
    setNodes((ns) => ns.filter((n) => n.key !== key));
    setLinks((ls) => ls.filter((l) => l.from !== key && l.to !== key));
  };
  const onSave = () =>
    save.mutate(
      { id: template.id, body: { name, anchor, nodes, links, version: template.version } },
      {
        onSuccess: () => message.success(`模板 ${template.code} 已保存，此后编制的计划按新模板`),
        onError: (error) => message.error(`保存失败：${describeError(error).message}`, 8),
      },
    );

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>模板 {template.code}</span>
          {canEdit ? (
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              style={{ width: 320 }}
              aria-label="模板名称"
            />
          ) : (
            template.name
          )}
        </Space>
      }
      extra={
        <Space>
          <span>锚点</span>
          <Select
            value={anchor}
            onChange={setAnchor}
            disabled={!canEdit}
            style={{ width: 220 }}
            aria-label="锚点节点"
            options={nodes.map((n) => ({ value: n.key, label: n.name }))}
          />
        </Space>
      }
    >
      <Table<Node>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={nodes}
        columns={[
          {
            title: '节点',
            width: 240,
            render: (_v, n) =>
              canEdit ? (
                <Input
                  size="small"
                  value={n.name}
                  aria-label={`节点名称 ${n.key}`}
                  onChange={(e) => setNode(n.key, { name: e.target.value })}
                />
              ) : (
                n.name
              ),
          },
          {
            title: '工期',
            width: 190,
            render: (_v, n) =>
              canEdit ? (
                <Space.Compact>
                  <InputNumber
                    size="small"
                    precision={0}
                    style={{ width: 80 }}
                    value={n.duration}
                    aria-label={`${n.name}工期`}
                    onChange={(v) => setNode(n.key, { duration: typeof v === 'number' ? v : n.duration })}
                  />
                  <Segmented
                    size="small"
                    value={n.unit}
                    options={(['working', 'calendar'] as const).map((u) => ({
                      value: u,
                      label: LIMIT_UNIT_LABELS[u],
                    }))}
                    onChange={(unit) => setNode(n.key, { unit: unit as Node['unit'] })}
                  />
                </Space.Compact>
              ) : (
                `${n.duration} 个${LIMIT_UNIT_LABELS[n.unit]}`
              ),
          },
          {
            title: '责任单位（填报实际进度）',
            width: 200,
            render: (_v, n) => (
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                {canEdit ? (
                  <Input
                    size="small"
                    value={n.responsible}
                    onChange={(e) => setNode(n.key, { responsible: e.target.value })}
                  />
                ) : (
                  n.responsible
                )}
                <RecordedBy responsible={n.responsible} />
              </Space>
            ),
          },
          {
            title: '前置节点（完成后开始）',
            render: (_v, n) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Select
                  mode="multiple"
                  size="small"
                  style={{ width: '100%' }}
                  disabled={!canEdit}
                  value={predecessorsOf(n.key)}
                  aria-label={`${n.name}前置节点`}
                  options={nodes.filter((o) => o.key !== n.key).map((o) => ({ value: o.key, label: o.name }))}
                  onChange={(from: string[]) => setPredecessors(n.key, from)}
                />
                {/* A lag: the node may start this many days (in its own unit) after that predecessor ends. */}
                {links
                  .filter((l) => l.to === n.key && (canEdit || (l.lag ?? 0) > 0))
                  .map((l) => (
                    <Space key={l.from} size={4} style={{ fontSize: 12 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {nameOf(l.from)}完成后间隔
                      </Typography.Text>
                      {canEdit ? (
                        <InputNumber
                          size="small"
                          min={0}
                          max={365}
                          precision={0}
                          style={{ width: 64 }}
                          value={l.lag ?? 0}
                          aria-label={`${n.name}在${nameOf(l.from)}后的间隔`}
                          onChange={(v) => setLag(l.from, n.key, typeof v === 'number' ? v : 0)}
                        />
                      ) : (
                        <span>{l.lag ?? 0}</span>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {LIMIT_UNIT_LABELS[n.unit]}
                      </Typography.Text>
                    </Space>
                  ))}
              </Space>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  width: 60,
                  render: (_v: unknown, n: Node) => (
                    <Button
                      size="small"
                      type="link"
                      danger
                      disabled={n.key === anchor}
                      onClick={() => removeNode(n.key)}
                    >
                      删除
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit && (
        <Space style={{ marginTop: 12 }}>
          <Button onClick={addNode}>添加节点</Button>
          <Button type="primary" loading={save.isPending} onClick={onSave}>
            保存模板
          </Button>
          <Typography.Text type="secondary">已编制的计划保留编制时的节点和工期</Typography.Text>
        </Space>
      )}
    </Card>
  );
}

export function PlanTemplatesPage() {
  const templates = usePlanTemplates();
  const canEdit = useCan('registry.admin');
  const [code, setCode] = useState('A');
  const template = templates.data?.items.find((t) => t.code === code);
  return (
    <PageContainer
      title="倒排计划模板"
      description="按项目类型选用：A 新增用地拿地即开工（锚点开工）、B 开工至投产、C 租赁或技改；工期为默认值，可按实际调整"
      extra={
        <Segmented
          value={code}
          onChange={(v) => setCode(String(v))}
          options={(templates.data?.items ?? []).map((t) => ({ value: t.code, label: `模板 ${t.code}` }))}
        />
      }
    >
      {templates.error && <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />}
      {!template ? (
        <Skeleton active />
      ) : (
        <TemplateEditor key={`${template.id}:${template.version}`} template={template} canEdit={canEdit} />
      )}
    </PageContainer>
  );
}

/** Which units the 责任单位 text names, i.e. who may record the node's actual dates besides 区发改. */
function RecordedBy({ responsible }: { responsible: string }) {
  const kinds = responsibleKinds(responsible) as OrgKind[];
  return kinds.length > 0 ? (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      填报：{kinds.map((k) => ORG_KIND_LABELS[k] ?? k).join('、')}
    </Typography.Text>
  ) : (
    <Typography.Text type="warning" style={{ fontSize: 12 }}>
      未识别责任单位，仅区发改可填报
    </Typography.Text>
  );
}
