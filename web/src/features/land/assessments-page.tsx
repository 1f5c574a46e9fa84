import type { RegionalAssessment } from '@groundbreak/contract';
import { LAND_LIST_ITEMS, LAND_LIST_STATUS_LABELS, LAND_LIST_STATUSES } from '@groundbreak/contract';
import { App, DatePicker, Form, Input, Modal, Select, Tag, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ListActions } from '../../components/list-actions';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useListSearchParams } from '../../components/use-list-search-params';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useAssessments, useSaveAssessment } from './api';

// 区域评估: an assessment done once for a park (地灾, 压覆矿产, 环评, 水保…) stands for its 用地清单 item on
// every parcel inside the park, until it expires; the list warns 60 days ahead.

const itemLabel = (code: string) => LAND_LIST_ITEMS.find((i) => i.code === code)?.label ?? code;

function expiryTag(validUntil: string | null) {
  if (!validUntil) return null;
  const days = dayjs(validUntil).diff(dayjs(), 'day');
  if (days < 0) return <Tag color="red">已过期</Tag>;
  if (days <= 60) return <Tag color="gold">{days} 天后到期</Tag>;
  return null;
}

const COLUMNS: ListColumn<RegionalAssessment>[] = [
  { key: 'name', title: '评估名称', isRequired: true, render: (a) => a.name },
  { key: 'code', title: '清单事项', width: 170, sortField: 'code', render: (a) => itemLabel(a.code) },
  { key: 'region', title: '覆盖区域', width: 170, render: (a) => a.regionName },
  { key: 'status', title: '状态', width: 100, render: (a) => LAND_LIST_STATUS_LABELS[a.status] },
  { key: 'docNo', title: '批复文号', render: (a) => a.docNo ?? '—' },
  {
    key: 'validUntil',
    title: '有效期至',
    sortField: 'validUntil',
    width: 190,
    render: (a) => (
      <span>
        {formatDate(a.validUntil)} {expiryTag(a.validUntil)}
      </span>
    ),
  },
  { key: 'parcels', title: '覆盖地块', width: 100, align: 'right', render: (a) => `${a.parcels} 宗` },
];

type Values = {
  regionId: string;
  code: string;
  name: string;
  status: string;
  docNo?: string;
  approvedOn?: Dayjs | null;
  validUntil?: Dayjs | null;
  conclusion?: string;
};

function AssessmentModal({ editing, onClose }: { editing: RegionalAssessment | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveAssessment();
  const user = useCurrentUser();
  const regions = useRegions();
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
  return (
    <Modal
      title={editing ? '修改区域评估' : '登记区域评估'}
      open
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ htmlType: 'submit', form: 'assessment-form', loading: save.isPending }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        id="assessment-form"
        layout="vertical"
        initialValues={
          editing
            ? {
                ...editing,
                docNo: editing.docNo ?? undefined,
                conclusion: editing.conclusion ?? undefined,
                approvedOn: editing.approvedOn ? dayjs(editing.approvedOn) : null,
                validUntil: editing.validUntil ? dayjs(editing.validUntil) : null,
              }
            : { status: 'approved' }
        }
        onFinish={(values) => {
          setError(undefined);
          const body = {
            name: values.name.trim(),
            status: values.status,
            docNo: values.docNo?.trim() || null,
            approvedOn: values.approvedOn ? values.approvedOn.format('YYYY-MM-DD') : null,
            validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
            conclusion: values.conclusion?.trim() || null,
          };
          save.mutate(
            editing
              ? { id: editing.id, ...body, version: editing.version }
              : { ...body, regionId: values.regionId, code: values.code },
            {
              onSuccess: () => {
                message.success('区域评估已保存，区内地块的用地清单随之更新');
                onClose();
              },
              onError: (e) => {
                if (!applyFieldErrors(form, e, ['regionId', 'code', 'docNo', 'approvedOn', 'validUntil']))
                  setError(e);
              },
            },
          );
        }}
      >
        <SubmitErrorAlert error={error} />
        <Form.Item
          name="regionId"
          label="覆盖区域（园区或板块）"
          rules={[{ required: true, message: '请选择区域' }]}
        >
          <TreeSelect
            treeData={treeData}
            disabled={Boolean(editing)}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
          />
        </Form.Item>
        <Form.Item name="code" label="清单事项" rules={[{ required: true, message: '请选择事项' }]}>
          <Select
            disabled={Boolean(editing)}
            options={LAND_LIST_ITEMS.map((i) => ({ value: i.code, label: `${i.label}（${i.department}）` }))}
          />
        </Form.Item>
        <Form.Item name="name" label="评估名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="status" label="状态" rules={[{ required: true }]}>
          <Select
            options={LAND_LIST_STATUSES.map((s) => ({ value: s, label: LAND_LIST_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="docNo" label="批复文号">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="approvedOn" label="批复日期">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期至">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="conclusion" label="结论">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AssessmentsPage() {
  const state = useListSearchParams({
    filters: [],
    sortFields: ['validUntil', 'code'],
    defaultSort: 'validUntil',
  });
  const result = useAssessments(state.query);
  const canWrite = useCan('land.list');
  const [editing, setEditing] = useState<RegionalAssessment | null>();
  return (
    <PageContainer
      title="区域评估"
      description="园区一次评估、区内地块共享：覆盖的用地清单事项对区内每宗地块自动生效，到期前 60 天提醒"
    >
      <ListPage<RegionalAssessment>
        listId="regional-assessments"
        state={state}
        filters={[]}
        columns={COLUMNS}
        result={result}
        rowKey={(a) => a.id}
        actions={
          <ListActions
            canCreate={canWrite}
            onCreate={() => setEditing(null)}
            unavailableReason="区域评估暂不支持批量导入导出"
          />
        }
        onRowClick={(a) => (a.canEdit ? setEditing(a) : undefined)}
        emptyText="暂无区域评估"
      />
      {editing !== undefined ? (
        <AssessmentModal editing={editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </PageContainer>
  );
}
