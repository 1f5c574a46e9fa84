import type { TargetMetric } from '@groundbreak/contract';
import { TARGET_METRIC_LABELS, TARGET_METRICS } from '@groundbreak/contract';
import { yiToYuan } from '@groundbreak/domain';
import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { yuanToYiText } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { usePutTarget } from './plans-api';

/** '区重点新入库（个）' → '区重点新入库': the metric without its unit, for sentences and labels. */
export const metricName = (metric: TargetMetric) => TARGET_METRIC_LABELS[metric].replace(/（.*）$/, '');
export const metricTitle = (metric: TargetMetric) =>
  metric === 'annual_investment' ? '年度完成投资（亿元）' : TARGET_METRIC_LABELS[metric];
export const isMoney = (metric: TargetMetric) => metric === 'annual_investment';

export interface EditingTarget {
  regionId?: string;
  metric?: TargetMetric;
  value?: number;
  /** The version the user saw; a concurrent change answers 409 instead of being overwritten. */
  version?: number | undefined;
}

/** 设定目标 / 调整目标 (区发改): a year × region × metric value; 年度完成投资 is typed in 亿元. */
export function TargetModal({
  year,
  editing,
  onClose,
}: {
  year: number;
  editing: EditingTarget | undefined;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ regionId: string; metric: TargetMetric; value: string }>();
  const putTarget = usePutTarget();
  const user = useCurrentUser();
  const regions = useRegions();
  const [submitError, setSubmitError] = useState<unknown>();
  const metric = Form.useWatch('metric', form) ?? editing?.metric;
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
  const isFixed = editing?.regionId !== undefined && editing.metric !== undefined;

  function handleFinish(values: { regionId: string; metric: TargetMetric; value: string }) {
    const value = isMoney(values.metric) ? yiToYuan(values.value) : Number(values.value);
    if (value === null || !Number.isSafeInteger(value) || value < 0) return;
    putTarget.mutate(
      {
        year,
        regionId: values.regionId,
        metric: values.metric,
        value,
        ...(editing?.version !== undefined ? { version: editing.version } : {}),
      },
      {
        onSuccess: () => {
          message.success(`已设定 ${year}年${metricName(values.metric)}目标`);
          onClose();
        },
        onError: setSubmitError,
      },
    );
  }

  const initialValue =
    editing?.value === undefined
      ? ''
      : editing.metric && isMoney(editing.metric)
        ? yuanToYiText(editing.value)
        : String(editing.value);

  return (
    <Modal
      open={editing !== undefined}
      title={isFixed ? `调整 ${year}年目标` : `设定 ${year}年目标`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'target-form' }}
      confirmLoading={putTarget.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        id="target-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ regionId: editing?.regionId, metric: editing?.metric, value: initialValue }}
        onFinish={handleFinish}
        onValuesChange={() => setSubmitError(undefined)}
      >
        <Form.Item name="regionId" label="区划" rules={[{ required: true, message: '请选择区划' }]}>
          <TreeSelect treeData={treeData} treeDefaultExpandAll disabled={isFixed} placeholder="选择区划" />
        </Form.Item>
        <Form.Item name="metric" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select
            disabled={isFixed}
            placeholder="选择指标"
            options={TARGET_METRICS.map((value) => ({ value, label: metricTitle(value) }))}
          />
        </Form.Item>
        <Form.Item
          name="value"
          label="目标值"
          rules={[
            { required: true, whitespace: true, message: '请填写目标值' },
            {
              validator: async (_rule, text: string | undefined) => {
                if (!text?.trim() || !metric) return;
                const ok = isMoney(metric) ? yiToYuan(text) !== null : /^\d+$/.test(text.trim());
                if (!ok)
                  throw new Error(isMoney(metric) ? '请输入金额（亿元），如 320 或 12.5' : '请输入整数');
              },
            },
          ]}
        >
          <Input inputMode="decimal" suffix={metric && isMoney(metric) ? '亿元' : '个'} autoComplete="off" />
        </Form.Item>
        <SubmitErrorAlert error={submitError} />
      </Form>
    </Modal>
  );
}
