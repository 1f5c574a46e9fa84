import type { LandBalance, LandProgramme } from '@groundbreak/contract';
import { LAND_PROGRAMME_KIND_LABELS } from '@groundbreak/contract';
import { squareMetresToMu } from '@groundbreak/domain';
import { App, Button, Card, Flex, Form, InputNumber, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatDate, formatNumber, formatRate } from '../../lib/format';
import { useLandBalance, useLandRules, useProgrammes, useSaveLandRules } from './api';

// 供需与消化: per 板块, the land ready and available against the land asked for by projects waiting for it;
// 批而未供 and idle land; this year's 消化 and 盘活 against their targets and against 序时 (the share of the year
// gone). Then the programmes parcels belong to, and the district's idle-land rules.

type Row = LandBalance['items'][number];
const mu = (m2: number) => formatNumber(squareMetresToMu(m2), 0);

function TargetProgress({ done, target, elapsed }: { done: number; target: number | null; elapsed: number }) {
  if (target === null || target === 0)
    return <Typography.Text type="secondary">{mu(done)} 亩 · 未设目标</Typography.Text>;
  const rate = done / target;
  const behind = rate < elapsed;
  return (
    <Tooltip title={`完成 ${mu(done)} / 目标 ${mu(target)} 亩；序时进度 ${formatRate(elapsed)}`}>
      <Flex vertical gap={0} style={{ width: 170 }}>
        <Progress
          percent={Math.min(100, Math.round(rate * 100))}
          success={{ percent: Math.round(elapsed * 100), strokeColor: 'transparent' }}
          size="small"
          status={behind ? 'exception' : 'normal'}
          format={() => formatRate(rate)}
        />
        <Typography.Text type={behind ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {mu(done)}/{mu(target)} 亩 {behind ? '· 落后序时' : ''}
        </Typography.Text>
      </Flex>
    </Tooltip>
  );
}

function RulesCard() {
  const { message } = App.useApp();
  const rules = useLandRules();
  const save = useSaveLandRules();
  if (!rules.data) return null;
  return (
    <Card size="small" title="闲置预警规则" variant="borderless">
      <Form
        layout="inline"
        initialValues={rules.data.rules}
        disabled={!rules.data.canEdit}
        onFinish={(values: { idleWarnDays: number; idleDays: number }) =>
          save.mutate(values, {
            onSuccess: () => message.success('规则已保存，下次每日检查起生效'),
            onError: (e) => message.error(e instanceof Error ? e.message : '保存失败'),
          })
        }
      >
        <Form.Item name="idleWarnDays" label="超过约定动工日期黄灯（天）" rules={[{ required: true }]}>
          <InputNumber min={30} max={3650} />
        </Form.Item>
        <Form.Item name="idleDays" label="疑似闲置（天）" rules={[{ required: true }]}>
          <InputNumber min={60} max={3650} />
        </Form.Item>
        {rules.data.canEdit ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        ) : (
          <Typography.Text type="secondary">由区自然资源和规划部门设定</Typography.Text>
        )}
      </Form>
    </Card>
  );
}

function ProgrammesCard() {
  const programmes = useProgrammes({ pageSize: 50 });
  return (
    <Card size="small" title="成片开发方案与全域土地综合整治" variant="borderless">
      <Table<LandProgramme>
        size="small"
        rowKey="id"
        loading={programmes.isPending}
        dataSource={programmes.data?.items ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (p) => (
            <Flex gap={6} wrap>
              {p.parcels.map((x) => (
                <Link key={x.id} to={`/land/parcels/${x.id}`}>
                  <Tag>
                    {x.parcelNo} {x.name}
                  </Tag>
                </Link>
              ))}
            </Flex>
          ),
          rowExpandable: (p) => p.parcels.length > 0,
        }}
        columns={[
          { title: '方案', dataIndex: 'name' },
          { title: '类型', width: 170, render: (_, p) => LAND_PROGRAMME_KIND_LABELS[p.kind] },
          { title: '区域', width: 150, dataIndex: 'regionName' },
          { title: '批准文号', width: 180, render: (_, p) => p.docNo ?? '—' },
          { title: '有效期至', width: 110, render: (_, p) => formatDate(p.validUntil) },
          {
            title: '地块',
            width: 150,
            align: 'right',
            render: (_, p) => `${p.parcels.length} 宗 · ${mu(p.areaM2)} 亩`,
          },
          {
            title: '新增耕地 / 腾挪建设用地',
            width: 190,
            align: 'right',
            render: (_, p) =>
              p.newFarmlandM2 === null ? '—' : `${mu(p.newFarmlandM2)} / ${mu(p.relocatedLandM2 ?? 0)} 亩`,
          },
        ]}
      />
    </Card>
  );
}

export function BalancePage() {
  const balance = useLandBalance();
  const elapsed = balance.data?.timeElapsedRate ?? 0;
  const totals = (balance.data?.items ?? []).reduce(
    (s, r) => ({ available: s.available + r.availableAreaM2, demand: s.demand + r.demandAreaM2 }),
    { available: 0, demand: 0 },
  );
  return (
    <PageContainer
      title="供需与消化"
      description={`各板块可供土地与项目用地需求；批而未供消化和存量盘活对照年度目标与序时进度（${balance.data?.year ?? ''} 年，序时 ${formatRate(elapsed)}）`}
    >
      {balance.error ? <ErrorAlert error={balance.error} onRetry={() => balance.refetch()} /> : null}
      <Card size="small" variant="borderless">
        <Table<Row>
          size="small"
          rowKey="regionId"
          loading={balance.isPending}
          dataSource={balance.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1300 }}
          summary={() =>
            balance.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} />
                <Table.Summary.Cell index={2} align="right">
                  {mu(totals.available)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {mu(totals.demand)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
          columns={[
            {
              title: '板块',
              dataIndex: 'regionName',
              fixed: 'left',
              width: 170,
              render: (name: string, r) => <Link to={`/land/parcels?regionId=${r.regionId}`}>{name}</Link>,
            },
            { title: '即可供地（亩）', width: 120, align: 'right', render: (_, r) => mu(r.readyAreaM2) },
            { title: '可供地（亩）', width: 110, align: 'right', render: (_, r) => mu(r.availableAreaM2) },
            {
              title: '项目需求（亩）',
              width: 150,
              align: 'right',
              render: (_, r) => (
                <span>
                  {mu(r.demandAreaM2)}
                  <Typography.Text type="secondary"> · {r.waitingProjects} 个项目</Typography.Text>
                </span>
              ),
            },
            {
              title: '缺口',
              width: 100,
              align: 'right',
              render: (_, r) =>
                r.demandAreaM2 > r.availableAreaM2 ? (
                  <Typography.Text type="danger">
                    缺 {mu(r.demandAreaM2 - r.availableAreaM2)} 亩
                  </Typography.Text>
                ) : (
                  <Typography.Text type="success">充足</Typography.Text>
                ),
            },
            {
              title: '批而未供（亩）',
              width: 120,
              align: 'right',
              render: (_, r) => mu(r.approvedUnsuppliedAreaM2),
            },
            { title: '闲置（亩）', width: 100, align: 'right', render: (_, r) => mu(r.idleAreaM2) },
            {
              title: '批而未供消化',
              width: 190,
              render: (_, r) => (
                <TargetProgress done={r.digestedAreaM2} target={r.digestionTargetM2} elapsed={elapsed} />
              ),
            },
            {
              title: '存量盘活',
              width: 190,
              render: (_, r) => (
                <TargetProgress
                  done={r.revitalisedAreaM2}
                  target={r.revitalisationTargetM2}
                  elapsed={elapsed}
                />
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          即可供地：储备净地且用地清单完备、未预留；可供地：储备和批而未供、未预留；项目需求：已签约、已立项且填写了用地需求、尚无地块的项目。年度目标在“年度计划与目标”中设定。
        </Typography.Paragraph>
      </Card>
      <ProgrammesCard />
      <RulesCard />
    </PageContainer>
  );
}
