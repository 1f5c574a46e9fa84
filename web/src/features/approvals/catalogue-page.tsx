import type { ApprovalRules, CatalogueEntryView } from '@groundbreak/contract';
import {
  APPROVAL_STAGE_LABELS,
  LIMIT_UNIT_LABELS,
  ORG_KIND_LABELS,
  ORG_KINDS,
  type OrgKind,
} from '@groundbreak/contract';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { describeError } from '../../lib/describe-error';
import { useCan } from '../auth/use-current-user';
import { useApprovalCatalogue, useApprovalRules, useSaveApprovalRules, useUpdateCatalogueEntry } from './api';
import { deptLabel } from './approval-parts';

// 审批事项目录: the catalogue every project's items are generated from — stage, department, limits, parallel
// group, which projects each applies to. 区发改 adjusts the promised limit, the department, the group and
// whether an item is generated; a change applies to items generated afterwards, never to a project's items.

const LAND_USE_TEXT: Record<string, string> = {
  new_land: '新增用地',
  stock_land: '存量用地',
  leased_plant: '租赁厂房',
  no_new_land: '技改',
};

type Draft = Pick<CatalogueEntryView, 'promisedDays' | 'unit' | 'deptKind' | 'parallelGroup' | 'automatic'>;

function appliesText(e: CatalogueEntryView): string {
  const parts = [
    e.investment === 'government' ? '政府投资' : e.investment === 'enterprise' ? '企业投资' : null,
    e.landUses ? e.landUses.map((u) => LAND_USE_TEXT[u] ?? u).join('、') : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('；') : '全部项目';
}

export function CataloguePage() {
  const { message } = App.useApp();
  const catalogue = useApprovalCatalogue();
  const save = useUpdateCatalogueEntry();
  const canEdit = useCan('registry.admin');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const draftOf = (e: CatalogueEntryView): Draft => drafts[e.id] ?? e;
  const change = (e: CatalogueEntryView, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [e.id]: { ...draftOf(e), ...patch } }));
  const dirty = (e: CatalogueEntryView) => {
    const d = drafts[e.id];
    return Boolean(
      d &&
        (d.promisedDays !== e.promisedDays ||
          d.unit !== e.unit ||
          d.deptKind !== e.deptKind ||
          d.parallelGroup !== e.parallelGroup ||
          d.automatic !== e.automatic),
    );
  };
  const onSave = (e: CatalogueEntryView) => {
    const d = draftOf(e);
    save.mutate(
      {
        id: e.id,
        body: {
          ...d,
          deptKind: d.deptKind as OrgKind,
          parallelGroup: d.parallelGroup || null,
          version: e.version,
        },
      },
      {
        onSuccess: () => {
          setDrafts(({ [e.id]: _saved, ...rest }) => rest);
          message.success(`${e.name}已保存，此后生成的事项按新设置`);
        },
        onError: (error) => message.error(`保存失败：${describeError(error).message}`),
      },
    );
  };

  return (
    <PageContainer
      title="审批事项目录"
      description="项目的审批事项按此目录生成（按用地方式和投资类型适用）；调整只影响此后生成的事项，已生成的事项保留生成时的时限"
    >
      <RulesCard />
      {catalogue.error && <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      <Table<CatalogueEntryView>
        rowKey="id"
        size="small"
        loading={catalogue.isPending}
        pagination={false}
        dataSource={catalogue.data?.items ?? []}
        columns={[
          {
            title: '阶段',
            width: 130,
            render: (_v, e) => APPROVAL_STAGE_LABELS[e.stage as 1 | 2 | 3 | 4],
          },
          {
            title: '事项',
            render: (_v, e) => (
              <span>
                {e.name}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {e.output}
                  {e.statutoryDays !== null ? ` · 法定 ${e.statutoryDays} 天` : ''}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: '主管部门',
            width: 170,
            render: (_v, e) =>
              canEdit ? (
                <Select
                  size="small"
                  style={{ width: 150 }}
                  value={draftOf(e).deptKind}
                  aria-label={`${e.name}主管部门`}
                  options={ORG_KINDS.filter((k) => k !== 'enterprise').map((k) => ({
                    value: k,
                    label: ORG_KIND_LABELS[k],
                  }))}
                  onChange={(deptKind) => change(e, { deptKind })}
                />
              ) : (
                deptLabel(e.deptKind)
              ),
          },
          {
            title: '承诺时限',
            width: 210,
            render: (_v, e) =>
              canEdit ? (
                <Space.Compact>
                  <InputNumber
                    size="small"
                    min={0}
                    max={365}
                    precision={0}
                    style={{ width: 80 }}
                    value={draftOf(e).promisedDays}
                    aria-label={`${e.name}承诺时限`}
                    onChange={(v) => change(e, { promisedDays: typeof v === 'number' ? v : e.promisedDays })}
                  />
                  <Select
                    size="small"
                    style={{ width: 100 }}
                    value={draftOf(e).unit}
                    options={(['working', 'calendar'] as const).map((u) => ({
                      value: u,
                      label: LIMIT_UNIT_LABELS[u],
                    }))}
                    onChange={(unit) => change(e, { unit })}
                  />
                </Space.Compact>
              ) : (
                `${e.promisedDays} 个${LIMIT_UNIT_LABELS[e.unit]}`
              ),
          },
          {
            title: '并联分组',
            width: 110,
            render: (_v, e) =>
              canEdit ? (
                <Select
                  size="small"
                  allowClear
                  style={{ width: 90 }}
                  value={draftOf(e).parallelGroup ?? undefined}
                  options={['P1', 'PL', 'P2', 'P3', 'P4'].map((g) => ({ value: g, label: g }))}
                  onChange={(g) => change(e, { parallelGroup: g ?? null })}
                />
              ) : (
                (e.parallelGroup ?? '—')
              ),
          },
          { title: '适用', width: 170, render: (_v, e) => appliesText(e) },
          {
            title: '自动生成',
            width: 90,
            render: (_v, e) =>
              canEdit ? (
                <Switch
                  size="small"
                  checked={draftOf(e).automatic}
                  onChange={(automatic) => change(e, { automatic })}
                />
              ) : e.automatic ? (
                <Tag color="blue">是</Tag>
              ) : (
                <Tag>手动添加</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_v: unknown, e: CatalogueEntryView) => (
                    <Button
                      size="small"
                      type="primary"
                      disabled={!dirty(e)}
                      loading={save.isPending}
                      onClick={() => onSave(e)}
                    >
                      保存
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </PageContainer>
  );
}

/** The district's approval rules [A]: 临期, the whole-process target and 拿地即开工; 区发改 sets them. */
function RulesCard() {
  const { message } = App.useApp();
  const rules = useApprovalRules();
  const save = useSaveApprovalRules();
  if (rules.error) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  if (!rules.data) return null;
  return (
    <Card size="small" title="审批规则" variant="borderless" style={{ marginBottom: 16 }}>
      <Form<ApprovalRules>
        layout="inline"
        initialValues={rules.data.rules}
        disabled={!rules.data.canEdit}
        onFinish={(values) =>
          save.mutate(values, {
            onSuccess: () => message.success('审批规则已保存，各事项的时限状态随即按新规则显示'),
            onError: (e) => message.error(`保存失败：${describeError(e).message}`),
          })
        }
      >
        <Flex wrap gap={8} align="center">
          <Form.Item
            name="dueSoonWorkingDays"
            label="剩余不超过（工作日）即临期"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={20} precision={0} />
          </Form.Item>
          <Form.Item name="wholeProcessTargetDays" label="全流程目标（工作日）" rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item
            name="landReadyWithinDays"
            label="拿地后几天内发证算“拿地即开工”"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={60} precision={0} />
          </Form.Item>
          {rules.data.canEdit ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存规则
            </Button>
          ) : (
            <Typography.Text type="secondary">由区发改设定</Typography.Text>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
