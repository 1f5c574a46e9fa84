import type { EvaluationDetail, OptimisationActionItem } from '@groundbreak/contract';
import {
  DISPOSITION_MEASURE_LABELS,
  INDUSTRY_CHAINS,
  OPTIMISATION_CATEGORY_LABELS,
} from '@groundbreak/contract';
import {
  DISPOSITION_MEASURES,
  type DispositionMeasure,
  OPTIMISATION_CATEGORIES,
  type OptimisationCategory,
  rectificationDeadline,
  wanToYuan,
} from '@groundbreak/domain';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { OrgSelect } from '../orgs/org-select';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useCloseAction, useCreateAction, useEvaluationStep } from './api';

// The forms of the evaluation's later steps, each in a modal: 反馈企业 (feedback), 下发整改通知 (requirements;
// the deadline shown as the configured months after the notice), 违约处置 (the measure of the agreement,
// decision and amount in 万元), 提出优化措施 and 完成 (closing an action with a note).

const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function NotifyModal({ detail, onClose }: { detail: EvaluationDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const step = useEvaluationStep(detail.id);
  const [form] = Form.useForm<{ feedback: string }>();
  return (
    <Modal
      open
      title="反馈企业"
      okText="反馈企业"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: step.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ feedback: detail.summary ?? '' }}
        onFinish={(v) =>
          step.mutate(
            { step: 'notify', version: detail.version, feedback: v.feedback.trim() },
            {
              onSuccess: () => {
                message.success('评价结果已反馈企业');
                onClose();
              },
              onError: (e) => applyFieldErrors(form, e, ['feedback']),
            },
          )
        }
      >
        <Form.Item
          name="feedback"
          label="反馈意见"
          rules={[{ required: true, whitespace: true, message: '请填写反馈意见' }]}
          extra="企业在后评价页面和消息中看到评分结果与这段意见"
        >
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <SubmitErrorAlert error={step.error} />
      </Form>
    </Modal>
  );
}

export function RectificationModal({ detail, onClose }: { detail: EvaluationDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const step = useEvaluationStep(detail.id);
  const [form] = Form.useForm<{ requirements: string; issuedOn: Dayjs; noticeNo?: string }>();
  const issuedOn: Dayjs | undefined = Form.useWatch('issuedOn', form);
  const months = detail.settings.rectificationMonths;
  // The same rule the server applies with the task's own settings.
  const deadline = issuedOn
    ? rectificationDeadline(issuedOn.format('YYYY-MM-DD'), detail.settings)
    : undefined;
  return (
    <Modal
      open
      title="下发整改通知"
      okText="下发整改通知"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: step.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ issuedOn: dayjs() }}
        onFinish={(v) =>
          step.mutate(
            {
              step: 'rectifications',
              requirements: v.requirements.trim(),
              issuedOn: v.issuedOn.format('YYYY-MM-DD'),
              ...(v.noticeNo?.trim() ? { noticeNo: v.noticeNo.trim() } : {}),
            },
            {
              onSuccess: () => {
                message.success('整改通知已下发');
                onClose();
              },
              onError: (e) => applyFieldErrors(form, e, ['requirements', 'issuedOn', 'noticeNo']),
            },
          )
        }
      >
        <Form.Item
          name="requirements"
          label="整改要求"
          rules={[{ required: true, whitespace: true, message: '请填写整改要求' }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder="如：亩均税收未达承诺的 60%，请于整改期内扩大产能、提高开票销售，按季度报送进展"
          />
        </Form.Item>
        <Form.Item name="issuedOn" label="下发日期" rules={[{ required: true, message: '请选择下发日期' }]}>
          <DatePicker style={{ width: 200 }} inputReadOnly disabledDate={notAfterToday} />
        </Form.Item>
        <Form.Item name="noticeNo" label="通知编号" extra="不填则自动编号（整改-年份-序号）">
          <Input maxLength={50} style={{ width: 240 }} />
        </Form.Item>
        <Typography.Paragraph data-testid="rectification-deadline">
          整改期 {months} 个月，整改期限至 <Typography.Text strong>{formatDate(deadline)}</Typography.Text>
        </Typography.Paragraph>
        <SubmitErrorAlert error={step.error} />
      </Form>
    </Modal>
  );
}

type DispositionValues = {
  measure: DispositionMeasure;
  description: string;
  decisionNo?: string;
  decidedOn: Dayjs;
  amountWan?: number | null;
};

export function DispositionModal({ detail, onClose }: { detail: EvaluationDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const step = useEvaluationStep(detail.id);
  const [form] = Form.useForm<DispositionValues>();
  return (
    <Modal
      open
      title="违约处置"
      okText="违约处置"
      okButtonProps={{ danger: true, loading: step.isPending }}
      cancelText="取消"
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<DispositionValues>
        form={form}
        layout="vertical"
        initialValues={{ decidedOn: dayjs() }}
        onFinish={(v) =>
          step.mutate(
            {
              step: 'dispositions',
              measure: v.measure,
              description: v.description.trim(),
              decisionNo: v.decisionNo?.trim() || null,
              decidedOn: v.decidedOn.format('YYYY-MM-DD'),
              amountYuan:
                v.amountWan === null || v.amountWan === undefined ? null : wanToYuan(String(v.amountWan)),
            },
            {
              onSuccess: () => {
                message.success('违约处置已记录');
                onClose();
              },
              onError: (e) =>
                applyFieldErrors(form, e, ['measure', 'description', 'decisionNo', 'decidedOn']),
            },
          )
        }
      >
        <Form.Item
          name="measure"
          label="处置措施"
          rules={[{ required: true, message: '请选择处置措施' }]}
          extra="按投资协议约定：暂缓或追回奖励兑现、调整地价、暂缓证照，直至收回土地"
        >
          <Select
            options={DISPOSITION_MEASURES.map((m) => ({ value: m, label: DISPOSITION_MEASURE_LABELS[m] }))}
            placeholder="选择措施"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label="处置内容"
          rules={[{ required: true, whitespace: true, message: '请填写处置内容' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="decisionNo" label="处置决定文号">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}>
          <DatePicker style={{ width: 200 }} inputReadOnly disabledDate={notAfterToday} />
        </Form.Item>
        <Form.Item name="amountWan" label="涉及金额（万元）" extra="追回奖励、调整地价等涉及的金额，选填">
          <InputNumber min={0} precision={4} style={{ width: 200 }} inputMode="decimal" />
        </Form.Item>
        <SubmitErrorAlert error={step.error} />
      </Form>
    </Modal>
  );
}

type ActionValues = {
  regionId?: string;
  category: OptimisationCategory;
  title: string;
  description?: string;
  ownerOrgId?: string;
  ownerName?: string;
  dueOn: Dayjs;
  industryChain?: string;
};

/** 提出优化措施: from an evaluation (its project, 板块 and industry follow) or a general one. */
export function ActionModal({
  evaluationId,
  industryChain,
  onClose,
}: {
  evaluationId?: string;
  industryChain?: string | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const create = useCreateAction();
  const [form] = Form.useForm<ActionValues>();
  const user = useCurrentUser();
  const regions = useRegions();
  const scopeIds = user.regionScopes.map((r) => r.id);
  return (
    <Modal
      open
      title="提出优化措施"
      okText="提出优化措施"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={{
          category: 'service',
          dueOn: dayjs().add(3, 'month'),
          industryChain: industryChain ?? undefined,
          regionId: evaluationId ? undefined : scopeIds[0],
        }}
        onFinish={(v) =>
          create.mutate(
            {
              ...(evaluationId ? { evaluationId } : { regionId: v.regionId }),
              category: v.category,
              title: v.title.trim(),
              description: v.description?.trim() || null,
              ownerOrgId: v.ownerOrgId ?? null,
              ownerName: v.ownerName?.trim() || null,
              dueOn: v.dueOn.format('YYYY-MM-DD'),
              industryChain: v.industryChain ?? null,
            },
            {
              onSuccess: () => {
                message.success('优化措施已提出');
                onClose();
              },
              onError: (e) =>
                applyFieldErrors(form, e, [
                  'regionId',
                  'category',
                  'title',
                  'description',
                  'ownerOrgId',
                  'ownerName',
                  'dueOn',
                  'industryChain',
                ]),
            },
          )
        }
      >
        {!evaluationId && (
          <Form.Item
            name="regionId"
            label="所属区域"
            rules={[{ required: true, message: '请选择措施所属区域' }]}
            extra="按区域（区或板块）统计优化措施"
          >
            <TreeSelect
              treeData={regions.data ? toRegionTreeOptions(regions.data.items, scopeIds) : []}
              treeDefaultExpandAll
              showSearch
              treeNodeFilterProp="title"
              placeholder="选择区或板块"
            />
          </Form.Item>
        )}
        <Form.Item name="category" label="措施类别" rules={[{ required: true, message: '请选择措施类别' }]}>
          <Select
            options={OPTIMISATION_CATEGORIES.map((c) => ({
              value: c,
              label: OPTIMISATION_CATEGORY_LABELS[c],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="措施名称"
          rules={[{ required: true, whitespace: true, message: '请填写措施名称' }]}
        >
          <Input maxLength={100} placeholder="如：提高新能源产业用地准入的亩均税收门槛" />
        </Form.Item>
        <Form.Item name="description" label="具体内容">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label="责任单位">
          <OrgSelect />
        </Form.Item>
        <Form.Item name="ownerName" label="责任人">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="dueOn" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker style={{ width: 200 }} inputReadOnly />
        </Form.Item>
        <Form.Item name="industryChain" label="产业类别">
          <Select allowClear options={INDUSTRY_CHAINS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <SubmitErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

/** 完成: closes an optimisation action with what was done. */
export function CloseActionModal({
  action,
  onClose,
}: {
  action: OptimisationActionItem;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const close = useCloseAction();
  const [form] = Form.useForm<{ closingNote: string; closedOn: Dayjs }>();
  return (
    <Modal
      open
      title={`完成：${action.title}`}
      okText="完成"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: close.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ closedOn: dayjs() }}
        onFinish={(v) =>
          close.mutate(
            {
              id: action.id,
              version: action.version,
              closingNote: v.closingNote.trim(),
              closedOn: v.closedOn.format('YYYY-MM-DD'),
            },
            {
              onSuccess: () => {
                message.success('优化措施已完成');
                onClose();
              },
              onError: (e) => applyFieldErrors(form, e, ['closingNote', 'closedOn']),
            },
          )
        }
      >
        <Form.Item
          name="closingNote"
          label="完成情况"
          rules={[{ required: true, whitespace: true, message: '请填写完成情况' }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder="如：已修订《工业项目准入标准》第三条"
          />
        </Form.Item>
        <Form.Item name="closedOn" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
          <DatePicker style={{ width: 200 }} inputReadOnly disabledDate={notAfterToday} />
        </Form.Item>
        <SubmitErrorAlert error={close.error} />
      </Form>
    </Modal>
  );
}
