import type { ProblemItem, RaiseProblemBody } from '@groundbreak/contract';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_SOURCES,
  PROBLEM_STATUS_LABELS,
  type ProblemSource,
  type ProblemStatus,
} from '@groundbreak/domain';
import { App, Checkbox, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useProjectList } from '../projects/api';
import { useRaiseProblem } from './api';

// What the problem screens share: the status tag, the overdue/督办 marks and the 提出问题 form, which opens
// from the problem list (any project in scope), a project's page or a monthly report (prefilled).

const STATUS_COLORS: Record<ProblemStatus, string> = {
  collected: 'default',
  assigned: 'processing',
  in_progress: 'processing',
  extension_requested: 'warning',
  resolved: 'cyan',
  closed: 'success',
};

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{PROBLEM_STATUS_LABELS[status]}</Tag>;
}

/** 超期 n 个工作日 / 督办 / the level, when they apply. */
export function ProblemMarks({ problem }: { problem: ProblemItem }) {
  return (
    <>
      {problem.overdueWorkingDays > 0 && <Tag color="error">超期{problem.overdueWorkingDays}个工作日</Tag>}
      {problem.supervisedOn && problem.status !== 'closed' && <Tag color="volcano">督办</Tag>}
      {problem.level !== 'L1' && <Tag color="purple">{problem.level}</Tag>}
    </>
  );
}

function ProjectSelect({ value, onChange }: { value?: string; onChange?: (id: string) => void }) {
  const [q, setQ] = useState('');
  const list = useProjectList({ q, pageSize: 20, page: 1 });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={list.isFetching}
      placeholder="输入项目名称或编号搜索"
      options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.internalNo} ${p.name}` }))}
      aria-label="项目"
    />
  );
}

export type RaiseDefaults = {
  projectId?: string;
  projectName?: string;
  source?: ProblemSource;
  sourceRef?: string;
  description?: string;
};

/** 提出问题: project (fixed when raised from a project or a report), source, category, title, description. */
export function RaiseProblemModal({
  open,
  defaults,
  onClose,
}: {
  open: boolean;
  defaults: RaiseDefaults;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const raise = useRaiseProblem();
  const [form] = Form.useForm<RaiseProblemBody>();
  return (
    <Modal
      open={open}
      title="提出问题"
      okText="提交"
      destroyOnHidden
      okButtonProps={{ loading: raise.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<RaiseProblemBody>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          projectId: defaults.projectId,
          source: defaults.source ?? 'inspection',
          sourceRef: defaults.sourceRef ?? null,
          description: defaults.description ?? '',
          needsPolicy: false,
        }}
        onFinish={(values) =>
          raise.mutate(
            { ...values, projectId: defaults.projectId ?? values.projectId },
            {
              onSuccess: (res) => {
                onClose();
                void message.success(`已提出问题 ${res.problem.problemNo}，待区发改研判交办`);
                navigate(`/problems/${res.problem.id}`);
              },
            },
          )
        }
      >
        {defaults.projectId ? (
          <Form.Item label="项目">
            <Typography.Text>{defaults.projectName}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item label="项目" name="projectId" rules={[{ required: true, message: '请选择项目' }]}>
            <ProjectSelect />
          </Form.Item>
        )}
        <Form.Item label="来源" name="source" rules={[{ required: true }]}>
          <Select
            disabled={defaults.source !== undefined}
            options={PROBLEM_SOURCES.map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="sourceRef" hidden>
          <Input />
        </Form.Item>
        <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择问题类别' }]}>
          <Select
            placeholder="用地、规划、审批手续、水电气等要素……"
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item
          label="问题标题"
          name="title"
          rules={[
            { required: true, message: '请填写问题标题' },
            { min: 2, message: '问题标题至少2个字' },
            { max: 100, message: '不超过100字' },
          ]}
        >
          <Input placeholder="如：110千伏专线接入方案未批复" />
        </Form.Item>
        <Form.Item
          label="问题描述"
          name="description"
          rules={[
            { required: true, message: '请描述问题' },
            { max: 2000, message: '不超过2000字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder="现状、影响和诉求" />
        </Form.Item>
        <Form.Item name="needsPolicy" valuePropName="checked">
          <Checkbox>需要政策决策（可提请区领导协调）</Checkbox>
        </Form.Item>
        <SubmitErrorAlert error={raise.error} />
      </Form>
    </Modal>
  );
}
