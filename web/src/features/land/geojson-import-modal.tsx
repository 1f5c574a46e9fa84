import { InboxOutlined } from '@ant-design/icons';
import type { GeojsonImportPreview } from '@groundbreak/contract';
import { Alert, App, Button, Flex, Modal, Table, Tag, TreeSelect, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatArea } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useImportGeojson } from './api';

// 导入边界 (GeoJSON): choose a file (WGS84 / CGCS2000 lon-lat), see every feature — new parcel, polygon for a
// known one, or refused with its position and reason — then write all of them, or fix the file and try
// again. Nothing is written while any feature is refused.

type Preview = GeojsonImportPreview;

const ACTION_TAGS = {
  create: <Tag color="green">新增地块</Tag>,
  update: <Tag color="blue">更新边界</Tag>,
  error: <Tag color="red">不能导入</Tag>,
};

export function GeojsonImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const user = useCurrentUser();
  const regions = useRegions();
  const importer = useImportGeojson();
  const [file, setFile] = useState<File>();
  const [regionId, setRegionId] = useState<string>();
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<unknown>();
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

  function reset() {
    setFile(undefined);
    setPreview(undefined);
    setError(undefined);
  }

  function close() {
    reset();
    onClose();
  }

  function check(next: File, region = regionId) {
    setFile(next);
    setError(undefined);
    importer.mutate(
      { file: next, regionId: region, commit: false },
      {
        onSuccess: (result) => setPreview(result.preview),
        onError: (e) => {
          setPreview(undefined);
          setError(e);
        },
      },
    );
  }

  function commit() {
    if (!file) return;
    importer.mutate(
      { file, regionId, commit: true },
      {
        onSuccess: (result) => {
          message.success(
            `已导入：新增 ${result.committed?.created ?? 0} 宗地块，更新 ${result.committed?.updated ?? 0} 宗边界`,
          );
          reset();
          onClose();
        },
        onError: setError,
      },
    );
  }

  const warningAt = new Map(preview?.warnings.map((w) => [w.index, w.message]));
  const refused = preview?.problems.length ?? 0;

  return (
    <Modal
      title="导入地块边界（GeoJSON）"
      open={open}
      onCancel={close}
      width={900}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">
            {preview
              ? refused > 0
                ? `${refused} 个要素不能导入，请修正文件后重新选择`
                : `共 ${preview.features} 个要素，可以导入`
              : '支持 WGS84 或 CGCS2000 经纬度坐标的 .geojson / .json 文件'}
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={close}>取消</Button>
            <Button
              type="primary"
              disabled={!preview?.committable}
              loading={importer.isPending && preview !== undefined}
              onClick={commit}
            >
              确认导入
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={8} align="center">
          <Typography.Text>新地块归属板块：</Typography.Text>
          <TreeSelect
            style={{ width: 280 }}
            treeData={treeData}
            value={regionId}
            allowClear
            treeDefaultExpandAll
            placeholder="按文件中“所属板块”属性"
            onChange={(value: string | undefined) => {
              setRegionId(value);
              if (file) check(file, value);
            }}
          />
        </Flex>
        <Upload.Dragger
          accept=".geojson,.json,application/geo+json,application/json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(next) => {
            check(next);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {file ? `已选择：${file.name}（点击或拖入以更换）` : '点击或拖入 GeoJSON 文件'}
          </p>
          <p className="ant-upload-hint">
            每个要素为一宗地块：属性“地块编号”必填，“地块名称”“所属板块”“规划用途”“状态”“用地面积”可选；已有编号的地块只更新边界
          </p>
        </Upload.Dragger>
        {error ? <ErrorAlert error={error} title="文件不能导入" /> : null}
        {preview && refused > 0 ? (
          <Alert
            type="error"
            showIcon
            message={`${refused} 个要素不能导入，整个文件未写入`}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {preview.problems.slice(0, 8).map((p) => (
                  <li key={p.index}>{p.index >= 0 ? `第 ${p.index + 1} 个要素：${p.reason}` : p.reason}</li>
                ))}
                {refused > 8 ? <li>……另有 {refused - 8} 处</li> : null}
              </ul>
            }
          />
        ) : null}
        {preview ? (
          <Table
            size="small"
            rowKey="index"
            dataSource={preview.rows}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: '序号', dataIndex: 'index', width: 64, render: (i: number) => i + 1 },
              { title: '地块编号', dataIndex: 'parcelNo', render: (v: string | null) => v ?? '—' },
              { title: '地块名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
              { title: '处理', dataIndex: 'action', width: 96, render: (a: 'create') => ACTION_TAGS[a] },
              {
                title: '图形面积',
                dataIndex: 'areaM2',
                render: (m2: number, row) => (
                  <span>
                    {m2 ? formatArea(m2) : '—'}
                    {warningAt.get(row.index) ? (
                      <Typography.Text type="warning" style={{ display: 'block' }}>
                        {warningAt.get(row.index)}
                      </Typography.Text>
                    ) : null}
                  </span>
                ),
              },
              {
                title: '说明',
                dataIndex: 'message',
                render: (m: string | null) =>
                  m ? <Typography.Text type="danger">{m}</Typography.Text> : null,
              },
            ]}
          />
        ) : null}
      </Flex>
    </Modal>
  );
}
