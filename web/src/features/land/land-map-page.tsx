import { PARCEL_STATUS_LABELS, PARCEL_STATUSES, PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { ParcelStatus } from '@groundbreak/domain';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Skeleton,
  Space,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatArea } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useLandMap, useParcel } from './api';
import { LandMapChart } from './land-map-chart';
import {
  ApprovedUnsuppliedTag,
  IdleLight,
  ListProgress,
  PARCEL_STATUS_COLORS,
  ParcelStatusTag,
} from './parcel-tags';

// 土地地图: the parcels of the caller's scope on the district's outlines, coloured by status, with the
// projects as points; the 板块 and the statuses shown are in the address (shareable, Back works).

function ParcelCard({ id }: { id: string }) {
  const navigate = useNavigate();
  const parcel = useParcel(id);
  if (!parcel.data) return parcel.error ? <ErrorAlert error={parcel.error} /> : <Skeleton active />;
  const p = parcel.data;
  return (
    <Flex vertical gap={12}>
      <Flex gap={4} wrap>
        <ParcelStatusTag status={p.status} />
        <ApprovedUnsuppliedTag show={p.approvedUnsupplied} status={p.status} />
        <IdleLight light={p.idleLight} days={p.idleDays} />
      </Flex>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'no', label: '地块编号', children: p.parcelNo },
          { key: 'region', label: '所属板块', children: p.regionName },
          { key: 'area', label: '面积', children: formatArea(p.areaM2) },
          {
            key: 'list',
            label: '用地清单',
            children: <ListProgress done={p.list.done} total={p.list.total} />,
          },
          { key: 'project', label: '关联项目', children: p.projectName ?? '待供' },
        ]}
      />
      <Button type="primary" onClick={() => navigate(`/land/parcels/${p.id}`)}>
        查看地块
      </Button>
    </Flex>
  );
}

export function LandMapPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const regionId = params.get('regionId') ?? undefined;
  const statusParam = params.get('status');
  const statuses = (statusParam ? statusParam.split(',') : [...PARCEL_STATUSES]).filter(
    (s): s is ParcelStatus => (PARCEL_STATUSES as readonly string[]).includes(s),
  );
  const [showProjects, setShowProjects] = useState(true);
  const [selected, setSelected] = useState<{ kind: 'parcel' | 'project'; id: string }>();
  const query = { regionId, status: statuses.length > 0 && statusParam ? statuses.join(',') : undefined };
  const fetched = useLandMap(query);
  // Nothing ticked draws no parcel (the server reads an empty filter as "all").
  const map = useMemo(
    () =>
      fetched.data && statuses.length === 0
        ? { ...fetched, data: { ...fetched.data, parcels: { ...fetched.data.parcels, features: [] } } }
        : fetched,
    [fetched, statuses.length],
  );
  const treeData = useMemo(
    () =>
      regions.data
        ? toRegionTreeOptions(
            regions.data.items,
            user.regionScopes.map((r) => r.id),
          )
        : [],
    [regions.data, user.regionScopes],
  );
  const project =
    selected?.kind === 'project' ? map.data?.projects.find((p) => p.id === selected.id) : undefined;

  function setParam(key: string, value: string | undefined) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <PageContainer
      title="土地地图"
      description="地块按状态着色，项目为圆点；拖动平移、滚轮缩放，点击查看。底图为随系统提供的区界和板块示意边界（非测绘数据）"
    >
      <Card size="small" variant="borderless">
        <Flex gap={16} wrap align="center">
          <TreeSelect
            style={{ width: 240 }}
            treeData={treeData}
            value={regionId}
            allowClear
            treeDefaultExpandAll
            placeholder="全部板块"
            aria-label="板块"
            onChange={(value: string | undefined) => setParam('regionId', value)}
          />
          <Checkbox.Group
            value={statuses}
            onChange={(values) =>
              setParam(
                'status',
                values.length === PARCEL_STATUSES.length ? undefined : values.join(',') || '-',
              )
            }
          >
            <Space size={4} wrap>
              {PARCEL_STATUSES.map((s) => (
                <Checkbox key={s} value={s}>
                  <span
                    style={{
                      display: 'inline-block',
                      width: 10,
                      height: 10,
                      marginRight: 4,
                      background: PARCEL_STATUS_COLORS[s],
                      borderRadius: 2,
                    }}
                  />
                  {PARCEL_STATUS_LABELS[s]}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
          <Space>
            <Switch checked={showProjects} onChange={setShowProjects} size="small" aria-label="显示项目" />
            <Typography.Text>项目</Typography.Text>
          </Space>
        </Flex>
      </Card>
      {fetched.error ? <ErrorAlert error={fetched.error} onRetry={() => fetched.refetch()} /> : null}
      <Card size="small" variant="borderless" styles={{ body: { padding: 0 } }}>
        {map.data ? (
          <>
            <LandMapChart
              map={map.data}
              focusRegionId={regionId}
              height={640}
              showProjects={showProjects}
              onParcelClick={(id) => setSelected({ kind: 'parcel', id })}
              onProjectClick={(id) => setSelected({ kind: 'project', id })}
            />
            <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 12px' }}>
              图上 {map.data.parcels.features.length} 宗地块、{showProjects ? map.data.projects.length : 0}{' '}
              个项目
              {map.data.undrawn > 0 ? `；另有 ${map.data.undrawn} 宗地块尚无边界（可在地块台账导入）` : ''}
            </Typography.Text>
          </>
        ) : (
          <Skeleton active style={{ padding: 24 }} paragraph={{ rows: 12 }} />
        )}
      </Card>
      <Drawer
        title={selected?.kind === 'project' ? (project?.name ?? '项目') : '地块'}
        open={selected !== undefined}
        onClose={() => setSelected(undefined)}
        size="default"
      >
        {selected?.kind === 'parcel' ? <ParcelCard key={selected.id} id={selected.id} /> : null}
        {selected?.kind === 'project' && project ? (
          <Flex vertical gap={12}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'state', label: '项目状态', children: PROJECT_STATE_LABELS[project.state] },
                { key: 'region', label: '所属板块', children: project.regionName },
              ]}
            />
            <Button type="primary" onClick={() => navigate(`/projects/${project.id}`)}>
              查看项目
            </Button>
          </Flex>
        ) : null}
      </Drawer>
    </PageContainer>
  );
}
