import type { CampaignItem } from '@groundbreak/contract';
import type { FormInstance } from 'antd';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { fieldErrorsOf } from '../../lib/form-errors';
import { useCurrentUser } from '../auth/use-current-user';
import { useProblemUnits } from '../tracking/api';
import { useSaveBatch, useSaveCampaign } from './api';

// 新建/编辑行动 and 添加/编辑批次 (campaign.admin): name and period, and for a campaign its lead department,
// area tag and description. A 409 names who saved first and reloads under the user's input.

type Period = [Dayjs, Dayjs];
type CampaignValues = {
  name: string;
  leadOrgId?: string | null;
  areaTag?: string | null;
  period: Period;
  description?: string | null;
};

const blank = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

function toDays(period: Period) {
  return { startOn: period[0].format('YYYY-MM-DD'), endOn: period[1].format('YYYY-MM-DD') };
}

/** The server's field messages on the fields; startOn/endOn land on the one period field. */
function placeErrors(form: FormInstance, error: unknown, names: readonly string[]): boolean {
  const errors = fieldErrorsOf(error);
  if (errors.length === 0) return false;
  const byField = new Map<string, string[]>();
  let isEveryPlaced = true;
  for (const { field, message } of errors) {
    const top = field.split('.')[0] ?? '';
    const name = top === 'startOn' || top === 'endOn' ? 'period' : names.includes(top) ? top : undefined;
    if (!name) isEveryPlaced = false;
    else byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  form.setFields([...byField].map(([name, messages]) => ({ name, errors: messages })));
  return isEveryPlaced;
}

export function CampaignModal({
  campaign,
  onClose,
  onReload,
}: {
  /** The campaign to edit; undefined to create one. */
  campaign: CampaignItem | undefined;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const save = useSaveCampaign();
  const units = useProblemUnits();
  const user = useCurrentUser();
  const [form] = Form.useForm<CampaignValues>();
  const [error, setError] = useState<unknown>();
  const reload = useConflictReload(onReload, () => setError(undefined));
  const isEdit = campaign !== undefined;
  return (
    <Modal
      open
      title={isEdit ? '编辑行动' : '新建行动'}
      okText="保存"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<CampaignValues>
        form={form}
        layout="vertical"
        initialValues={
          campaign
            ? {
                name: campaign.name,
                leadOrgId: campaign.leadOrg?.id ?? null,
                areaTag: campaign.areaTag,
                period: [dayjs(campaign.startOn), dayjs(campaign.endOn)],
                description: campaign.description,
              }
            : {
                name: '城中村专项行动',
                // 区城管局 sets up its own campaigns; 区发改 picks the lead department.
                leadOrgId: user.orgKind === 'urban_management' ? user.orgId : null,
              }
        }
        onValuesChange={() => setError(undefined)}
        onFinish={(values) =>
          save.mutate(
            {
              ...(campaign ? { id: campaign.id, version: campaign.version } : {}),
              name: values.name.trim(),
              leadOrgId: values.leadOrgId ?? null,
              areaTag: blank(values.areaTag),
              description: blank(values.description),
              ...toDays(values.period),
            },
            {
              onSuccess: (saved) => {
                message.success(isEdit ? '行动已保存' : `已新建行动「${saved.name}」，请添加批次`);
                onClose();
              },
              onError: (e) => {
                if (!placeErrors(form, e, ['name', 'leadOrgId', 'areaTag', 'description'])) setError(e);
              },
            },
          )
        }
      >
        <Form.Item
          label="行动名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写行动名称' },
            { max: 100, message: '不超过100字' },
          ]}
        >
          <Input placeholder="如：2025年城中村专项行动" />
        </Form.Item>
        <Form.Item label="牵头单位" name="leadOrgId" extra="负责验收销号的部门，一般为区城管局">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            placeholder="选择牵头部门"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item label="起止日期" name="period" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="范围标签"
          name="areaTag"
          extra="选填，如：主城区、沿线沿路"
          rules={[{ max: 50, message: '不超过50字' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="说明" name="description" rules={[{ max: 2000, message: '不超过2000字' }]}>
          <Input.TextArea rows={3} placeholder="行动依据、目标和工作要求" />
        </Form.Item>
        <SubmitErrorAlert error={error} {...(isEdit ? reload : {})} />
      </Form>
    </Modal>
  );
}

type BatchValues = { name: string; period: Period };

export function BatchModal({
  campaign,
  batch,
  onClose,
  onReload,
}: {
  campaign: CampaignItem;
  /** The batch to edit; undefined to add one. */
  batch: CampaignItem['batches'][number] | undefined;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const save = useSaveBatch();
  const [form] = Form.useForm<BatchValues>();
  const [error, setError] = useState<unknown>();
  const reload = useConflictReload(onReload, () => setError(undefined));
  const nextName = `第${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][campaign.batches.length] ?? campaign.batches.length + 1}批`;
  return (
    <Modal
      open
      title={batch ? `编辑批次（${campaign.name}）` : `添加批次（${campaign.name}）`}
      okText="保存"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<BatchValues>
        form={form}
        layout="vertical"
        initialValues={
          batch
            ? { name: batch.name, period: [dayjs(batch.startOn), dayjs(batch.endOn)] }
            : { name: nextName }
        }
        onValuesChange={() => setError(undefined)}
        onFinish={(values) =>
          save.mutate(
            {
              campaignId: campaign.id,
              ...(batch ? { id: batch.id, version: batch.version } : {}),
              name: values.name.trim(),
              ...toDays(values.period),
            },
            {
              onSuccess: () => {
                message.success(batch ? '批次已保存' : `已添加${values.name.trim()}`);
                onClose();
              },
              onError: (e) => {
                if (!placeErrors(form, e, ['name'])) setError(e);
              },
            },
          )
        }
      >
        <Form.Item
          label="批次名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写批次名称，如：第一批' },
            { max: 50, message: '不超过50字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="起止日期"
          name="period"
          rules={[{ required: true, message: '请选择起止日期' }]}
          extra={`行动期限 ${campaign.startOn} 至 ${campaign.endOn}`}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <SubmitErrorAlert error={error} {...(batch ? reload : {})} />
      </Form>
    </Modal>
  );
}
