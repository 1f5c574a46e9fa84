import { PlusOutlined } from '@ant-design/icons';
import type { LibraryEntry, Project } from '@groundbreak/contract';
import { LIBRARY_CATEGORY_LABELS, LIBRARY_LEVEL_LABELS } from '@groundbreak/contract';
import { LIBRARY_CATEGORIES, LIBRARY_LEVELS } from '@groundbreak/domain';
import type { TableProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { RowActionButton } from '../../components/row-action-button';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { EMPTY_VALUE, formatDate } from '../../lib/format';
import type { ApplyLibraryInput } from './library-api';
import { useApplyLibrary, useProjectLibraries } from './library-api';
import { useLibraryDecision } from './library-decision';
import { LibraryStatusTag } from './project-tags';

function ApplyLibraryModal({
  project,
  open,
  onClose,
}: {
  project: Project;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyLibraryInput>();
  const apply = useApplyLibrary(project.id);
  const [submitError, setSubmitError] = useState<unknown>();
  function handleFinish(values: ApplyLibraryInput) {
    setSubmitError(undefined);
    const { sourceDoc: rawSourceDoc, ...rest } = values;
    const sourceDoc = rawSourceDoc?.trim();
    apply.mutate(
      { ...rest, ...(sourceDoc ? { sourceDoc } : {}) },
      {
        onSuccess: ({ entry }) => {
          message.success(`已申报 ${entry.year}年${LIBRARY_LEVEL_LABELS[entry.level]}，等待区发改审核`);
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, ['level', 'year', 'category', 'sourceDoc']))
            setSubmitError(error);
        },
      },
    );
  }
  return (
    <Modal
      open={open}
      title={`申报入库 — ${project.name}`}
      okText="提交申报"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'apply-library-form' }}
      confirmLoading={apply.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ApplyLibraryInput>
        form={form}
        id="apply-library-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ level: 'district', year: dayjs().year(), category: 'implementation' }}
        onFinish={handleFinish}
        onValuesChange={() => setSubmitError(undefined)}
      >
        <Form.Item name="level" label="项目库" rules={[{ required: true, message: '请选择项目库' }]}>
          <Select options={LIBRARY_LEVELS.map((value) => ({ value, label: LIBRARY_LEVEL_LABELS[value] }))} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="year"
            label="年度"
            rules={[{ required: true, message: '请填写年度' }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={2000} max={2100} precision={0} suffix="年" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select
              options={LIBRARY_CATEGORIES.map((value) => ({ value, label: LIBRARY_CATEGORY_LABELS[value] }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="sourceDoc" label="依据文件" extra="如当年入库通知的文号，可不填">
          <Input maxLength={200} placeholder="如：武发改〔2026〕12号" />
        </Form.Item>
        <SubmitErrorAlert error={submitError} />
      </Form>
    </Modal>
  );
}

/** 入库: the project's library entries; 申报入库 for the 板块, 通过 / 退回 / 退库 for 区发改. */
export function LibrariesTab({ project }: { project: Project }) {
  const { data, error, isPending, refetch } = useProjectLibraries(project.id);
  const decision = useLibraryDecision();
  const [isApplying, setApplying] = useState(false);
  const { abilities } = project;
  const isLead = project.state === 'LEAD' || project.state === 'NEGOTIATING';

  const columns: TableProps<LibraryEntry>['columns'] = [
    { key: 'level', title: '项目库', render: (_, entry) => LIBRARY_LEVEL_LABELS[entry.level] },
    { key: 'year', title: '年度', render: (_, entry) => `${entry.year}年` },
    { key: 'category', title: '类别', render: (_, entry) => LIBRARY_CATEGORY_LABELS[entry.category] },
    { key: 'status', title: '状态', render: (_, entry) => <LibraryStatusTag status={entry.status} /> },
    { key: 'appliedOn', title: '申报日期', render: (_, entry) => formatDate(entry.appliedOn) },
    { key: 'appliedBy', title: '申报人', render: (_, entry) => entry.appliedByName || EMPTY_VALUE },
    { key: 'enteredOn', title: '入库日期', render: (_, entry) => formatDate(entry.enteredOn) },
    { key: 'decidedBy', title: '审核人', render: (_, entry) => entry.decidedByName ?? EMPTY_VALUE },
    {
      key: 'remark',
      title: '说明',
      render: (_, entry) => (
        <Flex vertical gap={2} style={{ maxWidth: 320 }}>
          {entry.returnReason && (
            <Typography.Text type="warning">退回理由：{entry.returnReason}</Typography.Text>
          )}
          {entry.sourceDoc && <Typography.Text type="secondary">依据：{entry.sourceDoc}</Typography.Text>}
          {entry.notes.map((note) => (
            <Typography.Text key={note} type="secondary">
              提示：{note}
            </Typography.Text>
          ))}
          {!entry.returnReason && !entry.sourceDoc && entry.notes.length === 0 && EMPTY_VALUE}
        </Flex>
      ),
    },
  ];
  if (abilities.decideLibrary) {
    columns.push({
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_, entry) => {
        const open = (kind: 'approve' | 'return' | 'withdraw') =>
          decision.open({ kind, entry, projectName: project.name });
        if (entry.status === 'applied') {
          return (
            <Flex gap={4}>
              <RowActionButton label="通过" onClick={() => open('approve')} />
              <RowActionButton label="退回" isDanger onClick={() => open('return')} />
            </Flex>
          );
        }
        if (entry.status === 'entered')
          return <RowActionButton label="退库" isDanger onClick={() => open('withdraw')} />;
        return EMPTY_VALUE;
      },
    });
  }

  const applyButton = abilities.applyLibrary ? (
    <Tooltip title={isLead ? '线索和在谈项目不能申报入库，请先签约' : undefined}>
      <Button type="primary" icon={<PlusOutlined />} disabled={isLead} onClick={() => setApplying(true)}>
        申报入库
      </Button>
    </Tooltip>
  ) : null;

  return (
    <Card size="small" variant="borderless" title="入库记录" extra={applyButton}>
      <Flex vertical gap={12}>
        {isLead && abilities.applyLibrary && (
          <Alert type="info" showIcon title="签约后可申报入库；立项前至少要进入区重点项目库" />
        )}
        {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
        <Table<LibraryEntry>
          rowKey="id"
          size="middle"
          loading={isPending}
          columns={columns}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={abilities.applyLibrary ? '尚未申报入库，点击"申报入库"' : '尚未申报入库'}
              />
            ),
          }}
        />
      </Flex>
      <ApplyLibraryModal project={project} open={isApplying} onClose={() => setApplying(false)} />
      {decision.dialogs}
    </Card>
  );
}
