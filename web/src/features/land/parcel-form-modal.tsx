import type { Parcel } from '@groundbreak/contract';
import { LAND_SOURCE_LABELS, PARCEL_STATUS_LABELS, PARCEL_USE_LABELS } from '@groundbreak/contract';
import { M2_PER_MU } from '@groundbreak/domain';
import {
  App,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  TreeSelect,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { useCurrentUser } from '../auth/use-current-user';
import { INDUSTRY_CHAIN_OPTIONS } from '../projects/project-inputs';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useCreateParcel, useUpdateParcel } from './api';

// 新建地块 / 编辑地块 (自然资源和规划): the fields of §10.1 in three groups; 面积 in m² with 亩 beside it,
// 建筑密度 and 绿地率 in %. The status of a new parcel is one of the three a ledger starts from.

const DATE_FIELDS = ['conversionApprovedOn', 'conversionValidUntil', 'readyOn'] as const;
const PERCENT_FIELDS = ['buildingCoverageMin', 'greenRatioMax'] as const;
const FIELD_NAMES = [
  'parcelNo',
  'name',
  'regionId',
  'areaM2',
  'use',
  'source',
  'status',
  'plotRatioMin',
  'plotRatioMax',
  'conversionApprovalNo',
  'conversionValidUntil',
] as const;

type Values = Record<string, unknown>;

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

function toForm(parcel: Parcel): Values {
  const values: Values = { ...parcel };
  for (const key of DATE_FIELDS) values[key] = parcel[key] ? dayjs(parcel[key]) : null;
  for (const key of PERCENT_FIELDS)
    values[key] = parcel[key] === null ? null : Math.round(parcel[key] * 10_000) / 100;
  return values;
}

function fromForm(values: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if ((DATE_FIELDS as readonly string[]).includes(key))
      out[key] = value ? (value as Dayjs).format('YYYY-MM-DD') : null;
    else if ((PERCENT_FIELDS as readonly string[]).includes(key))
      out[key] = value === null || value === '' ? null : Math.round(Number(value) * 100) / 10_000;
    else if (typeof value === 'string') out[key] = value.trim() === '' ? null : value.trim();
    else out[key] = value;
  }
  out.industries = (values.industries as string[] | undefined) ?? [];
  return out;
}

export function ParcelFormModal({
  open,
  parcel,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The parcel to edit; none: a new one. */
  parcel: Parcel | undefined;
  onClose: () => void;
  onSaved: (parcel: Parcel) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const user = useCurrentUser();
  const regions = useRegions();
  const create = useCreateParcel();
  const update = useUpdateParcel();
  const [submitError, setSubmitError] = useState<unknown>();
  const area = Form.useWatch('areaM2', form) as number | undefined;
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

  function handleFinish(values: Values) {
    setSubmitError(undefined);
    const body = fromForm(values);
    const done = {
      onSuccess: (result: { parcel: Parcel }) => {
        message.success(parcel ? '地块已保存' : '地块已登记');
        onSaved(result.parcel);
      },
      onError: (error: unknown) => {
        if (!applyFieldErrors(form, error, FIELD_NAMES)) setSubmitError(error);
      },
    };
    if (parcel) {
      const { status: _status, ...rest } = body;
      update.mutate({ ...rest, id: parcel.id, version: parcel.version }, done);
    } else create.mutate(body, done);
  }

  return (
    <Modal
      title={parcel ? `编辑地块 ${parcel.parcelNo}` : '新建地块'}
      open={open}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      okText="保存"
      okButtonProps={{
        htmlType: 'submit',
        form: 'parcel-form',
        loading: create.isPending || update.isPending,
      }}
    >
      <Form
        form={form}
        id="parcel-form"
        layout="vertical"
        onFinish={handleFinish}
        initialValues={
          parcel ? toForm(parcel) : { use: 'industrial', source: 'new', status: 'planned', industries: [] }
        }
        preserve={false}
      >
        <SubmitErrorAlert error={submitError} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="parcelNo"
              label="地块编号"
              rules={[{ required: true, message: '请填写地块编号' }]}
            >
              <Input maxLength={40} placeholder="如 WJ2025-101" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label="地块名称" rules={[{ required: true, message: '请填写地块名称' }]}>
              <Input maxLength={100} placeholder="如 长汀路东侧地块" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="regionId"
              label="所属板块"
              rules={[{ required: true, message: '请选择所属板块' }]}
            >
              <TreeSelect treeData={treeData} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="areaM2"
              label="面积（平方米）"
              rules={[{ required: true, message: '请填写面积' }]}
              extra={area ? `约 ${(area / M2_PER_MU).toFixed(2)} 亩` : '1 亩 ≈ 666.67 平方米'}
            >
              <InputNumber min={1} max={1e9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="地块状态" hidden={Boolean(parcel)}>
              <Select
                options={(['planned', 'approved_unsupplied', 'reserve'] as const).map((s) => ({
                  value: s,
                  label: PARCEL_STATUS_LABELS[s],
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="use" label="规划用途" rules={[{ required: true }]}>
              <Select options={options(PARCEL_USE_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label="土地来源" rules={[{ required: true }]}>
              <Select options={options(LAND_SOURCE_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unitCode" label="宗地代码">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="location" label="坐落">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="boundary" label="四至">
              <Input maxLength={300} placeholder="东至…，南至…，西至…，北至…" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">规划条件（标准地指标）</Divider>
        <Row gutter={16}>
          {(
            [
              ['plotRatioMin', '容积率下限', 0.1],
              ['plotRatioMax', '容积率上限', 0.1],
              ['buildingCoverageMin', '建筑密度下限（%）', 1],
              ['greenRatioMax', '绿地率上限（%）', 1],
              ['heightLimitM', '建筑限高（米）', 1],
              ['intensityMinWanPerMu', '投资强度（万元/亩）', 10],
              ['taxMinWanPerMu', '亩均税收（万元/亩）', 1],
            ] as const
          ).map(([name, label, step]) => (
            <Col span={6} key={name}>
              <Form.Item name={name} label={label}>
                <InputNumber min={0} step={step} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col span={6}>
            <Form.Item name="industries" label="准入产业">
              <Select mode="tags" options={INDUSTRY_CHAIN_OPTIONS} placeholder="不限" maxCount={20} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">农转用 / 征收批准</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="conversionBatch" label="批次">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="conversionApprovalNo" label="批准文号" extra="批而未供地块必填">
              <Input maxLength={100} placeholder="如 苏政地〔2024〕1234号" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="conversionAuthority" label="批准机关">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="conversionApprovedOn" label="批准日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="conversionValidUntil" label="批文有效期至">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="readyOn" label="净地日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
