import { EditOutlined } from '@ant-design/icons';
import type { LandListRow, Parcel } from '@groundbreak/contract';
import { LAND_LIST_STATUS_LABELS, LAND_LIST_STATUSES } from '@groundbreak/contract';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { useParcelListItems, usePutListItem } from './api';

// 用地清单 (domain.md §5.2): the 19 items of a parcel, each with its result — the parcel's own, or a regional
// assessment of its park standing in — whether it counts (已批复 and valid, or 不涉及), and whether it runs out
// within 60 days. The department that issues an item records it; 自然资源和规划 may record any.

const STATUS_COLORS = {
  not_started: 'default',
  in_progress: 'processing',
  approved: 'success',
  not_applicable: 'cyan',
};

type Values = {
  status: string;
  docNo?: string;
  approvedOn?: Dayjs | null;
  validUntil?: Dayjs | null;
  conclusion?: string;
};

function ItemModal({ parcel, row, onClose }: { parcel: Parcel; row: LandListRow; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutListItem();
  const [error, setError] = useState<unknown>();
  const status = Form.useWatch('status', form);
  const regional = row.source === 'regional';
  return (
    <Modal
      title={`${row.label}（${row.department}）`}
      open
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ htmlType: 'submit', form: 'list-item-form', loading: put.isPending }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        id="list-item-form"
        layout="vertical"
        initialValues={
          regional
            ? { status: 'not_started' }
            : {
                status: row.status ?? 'in_progress',
                docNo: row.docNo ?? undefined,
                approvedOn: row.approvedOn ? dayjs(row.approvedOn) : null,
                validUntil: row.validUntil ? dayjs(row.validUntil) : null,
                conclusion: row.conclusion ?? undefined,
              }
        }
        onFinish={(values) => {
          setError(undefined);
          put.mutate(
            {
              id: parcel.id,
              code: row.code,
              status: values.status,
              docNo: values.docNo?.trim() || null,
              approvedOn: values.approvedOn ? values.approvedOn.format('YYYY-MM-DD') : null,
              validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
              conclusion: values.conclusion?.trim() || null,
              version: row.version,
            },
            {
              onSuccess: (result) => {
                message.success(result.summary.complete ? '已保存，用地清单已完备' : '已保存');
                onClose();
              },
              onError: (e) => {
                if (!applyFieldErrors(form, e, ['docNo', 'approvedOn', 'validUntil'])) setError(e);
              },
            },
          );
        }}
      >
        {regional ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message="该事项目前由区域评估覆盖；在此填写的本地块结果将优先于区域评估"
          />
        ) : null}
        <SubmitErrorAlert error={error} />
        <Form.Item name="status" label="办理状态" rules={[{ required: true }]}>
          <Select
            options={LAND_LIST_STATUSES.map((s) => ({ value: s, label: LAND_LIST_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item
          name="docNo"
          label="批复文号"
          rules={status === 'approved' ? [{ required: true, message: '已批复须填写批复文号' }] : []}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="approvedOn"
          label="批复日期"
          rules={status === 'approved' ? [{ required: true, message: '已批复须填写批复日期' }] : []}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期至" extra="评估类事项一般有有效期；过期后不再计入清单完备">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="conclusion" label="结论 / 说明">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ParcelListTab({ parcel }: { parcel: Parcel }) {
  const list = useParcelListItems(parcel.id);
  const [editing, setEditing] = useState<LandListRow>();
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  const summary = list.data?.summary;
  return (
    <Card size="small" variant="borderless">
      {summary ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={summary.complete ? 'success' : summary.expired.length > 0 ? 'error' : 'info'}
          showIcon
          message={
            summary.complete
              ? `用地清单已完备（${summary.done}/${summary.total}），可以供地${summary.expiringSoon.length > 0 ? `；${summary.expiringSoon.length} 项将在 60 天内到期` : ''}`
              : `用地清单 ${summary.done}/${summary.total}：尚有 ${summary.open.length + summary.expired.length} 项未办结${summary.expired.length > 0 ? `（其中 ${summary.expired.length} 项已过有效期）` : ''}`
          }
        />
      ) : null}
      <Table<LandListRow>
        size="small"
        rowKey="code"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: '事项',
            dataIndex: 'label',
            render: (label: string) => <Typography.Text strong>{label}</Typography.Text>,
          },
          { title: '主管部门', dataIndex: 'department', width: 130 },
          {
            title: '状态',
            width: 150,
            render: (_, row) => (
              <span>
                {row.status ? (
                  <Tag color={STATUS_COLORS[row.status]}>{LAND_LIST_STATUS_LABELS[row.status]}</Tag>
                ) : (
                  <Tag>未开展</Tag>
                )}
                {row.expired ? <Tag color="red">已过期</Tag> : null}
                {row.expiringSoon ? <Tag color="gold">60 天内到期</Tag> : null}
              </span>
            ),
          },
          { title: '批复文号', dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
          {
            title: '批复日期',
            dataIndex: 'approvedOn',
            width: 110,
            render: (v: string | null) => formatDate(v),
          },
          {
            title: '有效期至',
            dataIndex: 'validUntil',
            width: 110,
            render: (v: string | null) => formatDate(v),
          },
          {
            title: '来源',
            width: 110,
            render: (_, row) =>
              row.source === 'regional' ? (
                <Tooltip title="园区区域评估，一次评估、区内地块共享">
                  <Tag color="purple">区域评估</Tag>
                </Tooltip>
              ) : row.source === 'parcel' ? (
                '本地块'
              ) : (
                '—'
              ),
          },
          {
            title: '',
            width: 80,
            render: (_, row) =>
              row.canEdit ? (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  aria-label={`填写${row.label}`}
                  onClick={() => setEditing(row)}
                >
                  填写
                </Button>
              ) : null,
          },
        ]}
        rowClassName={(row) => (row.satisfied ? '' : 'land-list-open')}
      />
      {editing ? <ItemModal parcel={parcel} row={editing} onClose={() => setEditing(undefined)} /> : null}
    </Card>
  );
}
