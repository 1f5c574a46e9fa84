import type { ParcelMatch, Project } from '@groundbreak/contract';
import { PARCEL_USE_LABELS } from '@groundbreak/contract';
import { M2_PER_MU } from '@groundbreak/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatArea, formatDate } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { gateRefusalOf } from '../projects/gate-refusal-modal';
import { useRegions } from '../regions/api';
import { useLandDemand, useParcelMatches, usePickParcel, usePutLandDemand } from './api';
import { MatchTable } from './match-table';
import { ParcelStatusTag } from './parcel-tags';

// A project's 用地 tab (地等项目): what land it needs, the parcels that fit ranked by a score whose parts are
// shown, and picking one — a 已立项 project moves to 供地准备 with it. Once a parcel is picked, the tab shows it
// and the way to its 用地清单 and supply.

type Values = {
  areaM2: number;
  use: string;
  plotRatioNeeded?: number | null;
  preferredRegionId?: string | null;
  wantedOn?: Dayjs | null;
  note?: string;
};

function DemandForm({ project, onSaved }: { project: Project; onSaved: () => void }) {
  const { message } = App.useApp();
  const demand = useLandDemand(project.id);
  const put = usePutLandDemand();
  const regions = useRegions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const area = Form.useWatch('areaM2', form);
  const subareas = useMemo(
    () =>
      (regions.data?.items ?? [])
        .filter((r) => r.level === 'subarea')
        .map((r) => ({ value: r.id, label: r.name })),
    [regions.data],
  );
  const current = demand.data?.demand;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={
        current
          ? {
              ...current,
              wantedOn: current.wantedOn ? dayjs(current.wantedOn) : null,
              note: current.note ?? undefined,
            }
          : {
              areaM2: project.landAreaM2 ?? undefined,
              use: 'industrial',
              preferredRegionId: project.regionId,
            }
      }
      onFinish={(values) => {
        setError(undefined);
        put.mutate(
          {
            projectId: project.id,
            areaM2: values.areaM2,
            use: values.use,
            plotRatioNeeded: values.plotRatioNeeded ?? null,
            preferredRegionId: values.preferredRegionId ?? null,
            wantedOn: values.wantedOn ? values.wantedOn.format('YYYY-MM-DD') : null,
            note: values.note?.trim() || null,
            version: current?.version ?? 0,
          },
          {
            onSuccess: () => {
              message.success('用地需求已保存，匹配结果已更新');
              onSaved();
            },
            onError: (e) => {
              if (!applyFieldErrors(form, e, ['areaM2', 'use', 'preferredRegionId', 'wantedOn'])) setError(e);
            },
          },
        );
      }}
    >
      <SubmitErrorAlert error={error} />
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item
            name="areaM2"
            label="需求面积（平方米）"
            rules={[{ required: true, message: '请填写需求面积' }]}
            extra={area ? `约 ${(area / M2_PER_MU).toFixed(1)} 亩` : undefined}
          >
            <InputNumber min={1} max={1e9} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="use" label="用地类型" rules={[{ required: true }]}>
            <Select options={Object.entries(PARCEL_USE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="plotRatioNeeded" label="需要的容积率">
            <InputNumber min={0} max={20} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="preferredRegionId" label="意向板块">
            <Select allowClear options={subareas} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="wantedOn" label="希望拿地时间">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={20}>
          <Form.Item name="note" label="说明">
            <Input maxLength={300} placeholder="如 需要双回路供电、临近高速出入口" />
          </Form.Item>
        </Col>
        <Col span={4} style={{ display: 'flex', alignItems: 'center' }}>
          <Button type="primary" htmlType="submit" loading={put.isPending} block>
            保存需求
          </Button>
        </Col>
      </Row>
    </Form>
  );
}

/** Why a pick was refused: the unmet conditions of 供地准备 (a parcel without its red line), or the error. */
function PickRefusal({ error, onClose }: { error: unknown; onClose: () => void }) {
  const refusal = gateRefusalOf(error, 'advance');
  if (!refusal) return <ErrorAlert error={error} title="未能选定地块" />;
  return (
    <Alert
      type="error"
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 12 }}
      message="未能选定地块：不满足进入「供地准备」的条件"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {refusal.unmet.map((u) => (
            <li key={u.code}>{u.message}</li>
          ))}
        </ul>
      }
    />
  );
}

export function ProjectLandTab({ project }: { project: Project }) {
  const { message } = App.useApp();
  const demand = useLandDemand(project.id);
  const canMatch = useCan('land.read');
  const hasDemand = Boolean(demand.data?.demand);
  const matches = useParcelMatches(project.id, hasDemand && canMatch && !demand.data?.parcel);
  const pick = usePickParcel();
  const [refusal, setRefusal] = useState<unknown>();

  if (demand.error) return <ErrorAlert error={demand.error} onRetry={() => demand.refetch()} />;
  const needsLand =
    project.landUse === 'new_land' || project.landUse === 'stock_land' || project.landUse === null;
  const parcel = demand.data?.parcel;

  return (
    <Flex vertical gap={16}>
      {!needsLand ? (
        <Alert type="info" showIcon message="该项目用地方式为租赁厂房或不新增用地，走无需供地的路径" />
      ) : null}
      {parcel ? (
        <Card size="small" title="已选定地块" variant="borderless">
          <Descriptions
            size="small"
            column={2}
            items={[
              {
                key: 'parcel',
                label: '地块',
                children: (
                  <Link to={`/land/parcels/${parcel.id}`}>{`${parcel.name}（${parcel.parcelNo}）`}</Link>
                ),
              },
              { key: 'status', label: '地块状态', children: <ParcelStatusTag status={parcel.status} /> },
              {
                key: 'ready',
                label: '拿地即开工准备',
                children:
                  parcel.listDone === parcel.listTotal ? (
                    <Typography.Text type="success">用地清单已完备，拿地即可开工</Typography.Text>
                  ) : (
                    <Typography.Text type="warning">
                      用地清单 {parcel.listDone}/{parcel.listTotal}，尚缺 {parcel.listTotal - parcel.listDone}{' '}
                      项
                    </Typography.Text>
                  ),
              },
              {
                key: 'next',
                label: '下一步',
                children: (
                  <Flex gap={8}>
                    <Link to={`/land/parcels/${parcel.id}?tab=list`}>用地清单</Link>
                    <Link to={`/land/parcels/${parcel.id}?tab=supply`}>供地</Link>
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title="用地需求" variant="borderless">
        {demand.data?.canEdit ? (
          <DemandForm
            key={demand.data.demand?.version ?? 0}
            project={project}
            onSaved={() => matches.refetch()}
          />
        ) : demand.data?.demand ? (
          <Descriptions
            size="small"
            column={4}
            items={[
              { key: 'area', label: '需求面积', children: formatArea(demand.data.demand.areaM2) },
              { key: 'use', label: '用地类型', children: PARCEL_USE_LABELS[demand.data.demand.use] },
              { key: 'ratio', label: '容积率', children: demand.data.demand.plotRatioNeeded ?? '—' },
              { key: 'wanted', label: '希望拿地', children: formatDate(demand.data.demand.wantedOn) },
            ]}
          />
        ) : (
          <Empty description="尚未填写用地需求" />
        )}
      </Card>
      {!parcel && hasDemand && canMatch ? (
        <Card
          size="small"
          variant="borderless"
          title="可供地块匹配"
          extra={
            matches.data ? (
              <Typography.Text type="secondary">
                在 {matches.data.considered} 宗储备、批而未供且清单基本完备的地块中排序
              </Typography.Text>
            ) : null
          }
        >
          {matches.error ? <ErrorAlert error={matches.error} onRetry={() => matches.refetch()} /> : null}
          {refusal ? <PickRefusal error={refusal} onClose={() => setRefusal(undefined)} /> : null}
          <MatchTable<ParcelMatch>
            rows={matches.data?.items ?? []}
            rowKey={(r) => r.parcelId}
            loading={matches.isFetching}
            empty="暂无可匹配的地块：可放宽面积或意向板块，或与自然资源和规划部门沟通储备"
            columns={[
              {
                title: '地块',
                render: (_, r) => (
                  <Link to={`/land/parcels/${r.parcelId}`}>{`${r.name}（${r.parcelNo}）`}</Link>
                ),
              },
              { title: '板块', width: 140, dataIndex: 'regionName' },
              { title: '状态', width: 110, render: (_, r) => <ParcelStatusTag status={r.status} /> },
              { title: '面积', width: 190, render: (_, r) => formatArea(r.areaM2) },
            ]}
            action={
              demand.data?.canPick
                ? (r) => (
                    <Popconfirm
                      title={`为项目选定地块 ${r.parcelNo}？`}
                      description={project.state === 'FILED' ? '项目将进入“供地准备”' : '地块将为本项目预留'}
                      okText="选定"
                      onConfirm={() =>
                        pick.mutate(
                          { projectId: project.id, parcelId: r.parcelId, version: project.version },
                          {
                            onSuccess: () => message.success(`已选定地块 ${r.parcelNo}`),
                            onError: setRefusal,
                          },
                        )
                      }
                    >
                      <Button size="small" type="primary" aria-label={`选定 ${r.parcelNo}`}>
                        选定
                      </Button>
                    </Popconfirm>
                  )
                : undefined
            }
          />
        </Card>
      ) : null}
    </Flex>
  );
}
