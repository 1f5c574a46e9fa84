import type { CampaignCategory, CampaignItem } from '@groundbreak/contract';
import {
  CATEGORY_GROUP_LABELS,
  CATEGORY_GROUPS,
  MICRO_STAGE_LABELS,
  MICRO_STAGES,
  wanToYuan,
} from '@groundbreak/domain';
import type { FormInstance } from 'antd';
import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { formatDate } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { useProblemUnits } from '../tracking/api';
import type { TaskFormValues } from './task-values';

// The fields of a task, for 新建任务 and for 编辑 on its page: where (行动/批次, 板块, 村/社区, 点位, 地址,
// 经纬度), what (类别 with its quantities, 问题描述, 整改要求), who and by when (责任单位, 责任人, dates), and for a
// 微更新 project its 投资 in 万元 (sent as integer 元) and its 设计/施工/完工/验收 dates.

/** The 板块 a task may be placed in: those of the caller's scope within the campaign's district. */
function useSubareaOptions(campaignRegionId: string | undefined) {
  const user = useCurrentUser();
  const regions = useRegions();
  return useMemo(() => {
    const items = regions.data?.items ?? [];
    const byId = new Map(items.map((r) => [r.id, r]));
    const scopeIds = new Set(user.regionScopes.map((r) => r.id));
    const ancestorsOf = (id: string) => {
      const chain: string[] = [];
      for (let r = byId.get(id); r; r = r.parentId ? byId.get(r.parentId) : undefined) chain.push(r.id);
      return chain;
    };
    return items
      .filter((r) => r.level === 'subarea')
      .filter((r) => {
        const chain = ancestorsOf(r.id);
        const inScope = scopeIds.size === 0 || chain.some((id) => scopeIds.has(id));
        return inScope && (!campaignRegionId || chain.includes(campaignRegionId));
      })
      .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
      .map((r) => ({ value: r.id, label: r.name }));
  }, [regions.data, user.regionScopes, campaignRegionId]);
}

const FULL = { xs: 24, md: 12 } as const;
const THIRD = { xs: 24, sm: 12, lg: 8 } as const;

export function TaskFormFields({
  form,
  mode,
  campaigns,
  categories,
}: {
  form: FormInstance<TaskFormValues>;
  mode: 'create' | 'edit';
  campaigns: readonly CampaignItem[];
  categories: readonly CampaignCategory[];
}) {
  const units = useProblemUnits();
  const campaignId = Form.useWatch('campaignId', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const campaign = campaigns.find((c) => c.id === campaignId);
  const category = categories.find((c) => c.code === categoryCode);
  const subareas = useSubareaOptions(campaign?.regionId);
  const isMicro = category?.group === 'micro';
  const categoryOptions = CATEGORY_GROUPS.map((group) => ({
    label: CATEGORY_GROUP_LABELS[group],
    options: categories
      .filter((c) => c.group === group && (c.enabled || c.code === categoryCode))
      .map((c) => ({ value: c.code, label: c.name })),
  })).filter((g) => g.options.length > 0);

  return (
    <>
      <Card size="small" title="点位">
        <Row gutter={16}>
          <Col {...FULL}>
            <Form.Item label="行动" name="campaignId" rules={[{ required: true, message: '请选择行动' }]}>
              <Select
                disabled={mode === 'edit'}
                placeholder="选择专项行动"
                options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
                onChange={() => form.setFieldsValue({ batchId: null })}
              />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item
              label="批次"
              name="batchId"
              extra={campaign && campaign.batches.length === 0 ? '该行动尚未设批次，可不选' : undefined}
            >
              <Select
                allowClear
                placeholder={campaign ? '选择批次' : '请先选择行动'}
                options={(campaign?.batches ?? []).map((b) => ({
                  value: b.id,
                  label: `${b.name}（${formatDate(b.startOn)} 至 ${formatDate(b.endOn)}）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item
              label="类别"
              name="categoryCode"
              rules={[{ required: true, message: '请选择类别' }]}
              extra="三攻坚三提升一改造、微更新项目或城乡大扫除；所选类别决定下面要填的数量指标"
            >
              <Select placeholder="选择整治类别" options={categoryOptions} />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item label="板块" name="regionId" rules={[{ required: true, message: '请选择板块' }]}>
              <Select
                disabled={mode === 'edit'}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择镇、街道或园区"
                options={subareas}
              />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item label="村/社区" name="village" rules={[{ max: 100, message: '不超过100字' }]}>
              <Input placeholder="如：西墅村" />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item
              label="点位名称"
              name="pointName"
              rules={[
                { required: true, whitespace: true, message: '请填写点位名称' },
                { max: 200, message: '不超过200字' },
              ]}
            >
              <Input placeholder="如：西墅村3组沿河违建棚房" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="地址" name="address" rules={[{ max: 300, message: '不超过300字' }]}>
              <Input placeholder="门牌号或位置描述" />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item label="经度" name="lon" extra="选填，用于在地图上标注点位（如 119.95）">
              <InputNumber min={73} max={136} precision={6} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item label="纬度" name="lat" extra="选填（如 31.70）">
              <InputNumber min={3} max={54} precision={6} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="问题与整改要求">
        <Form.Item
          label="问题描述"
          name="description"
          rules={[
            { required: true, whitespace: true, message: '请描述存在的问题' },
            { max: 4000, message: '不超过4000字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            placeholder="现场存在的问题，如：沿河搭建彩钢棚约120平方米，堵塞消防通道"
          />
        </Form.Item>
        <Form.Item label="整改要求" name="requirement" rules={[{ max: 4000, message: '不超过4000字' }]}>
          <Input.TextArea rows={3} placeholder="如：拆除违建并清运垃圾，恢复通道畅通" />
        </Form.Item>
      </Card>
      <Card size="small" title="责任与时限">
        <Row gutter={16}>
          <Col {...FULL}>
            <Form.Item label="责任单位" name="responsibleOrgId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={units.isPending}
                placeholder="选择部门或板块"
                options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item label="责任人" name="responsiblePerson" rules={[{ max: 50, message: '不超过50字' }]}>
              <Input placeholder="姓名" />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item
              label="开始日期"
              name="startOn"
              rules={[{ required: true, message: '请选择开始日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...FULL}>
            <Form.Item
              label="计划完成日期"
              name="dueOn"
              dependencies={['startOn']}
              extra="过了计划完成日期仍未验收销号即逾期，按“类别与规则”中的天数亮黄灯、红灯"
              rules={[
                { required: true, message: '请选择计划完成日期' },
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) => {
                    const start = getFieldValue('startOn') as Dayjs | null | undefined;
                    return value && start && value.isBefore(start, 'day')
                      ? Promise.reject(new Error('计划完成日期不能早于开始日期'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {mode === 'edit' && (
            <Col {...FULL}>
              <Form.Item label="进度" name="progress" extra="板块填报的整治进度">
                <InputNumber
                  min={0}
                  max={100}
                  precision={0}
                  suffix="%"
                  style={{ width: '100%' }}
                  inputMode="numeric"
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>
      {category && category.indicators.length > 0 && (
        <Card size="small" title={`数量指标（${category.name}）`}>
          <Row gutter={16}>
            {category.indicators.map((indicator) => (
              <Col key={indicator.key} {...THIRD}>
                <Form.Item label={indicator.label} name={['quantities', indicator.key]}>
                  <InputNumber
                    min={0}
                    max={1e9}
                    suffix={indicator.unit}
                    style={{ width: '100%' }}
                    inputMode="decimal"
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {isMicro && <MicroFields mode={mode} />}
    </>
  );
}

function MicroFields({ mode }: { mode: 'create' | 'edit' }) {
  return (
    <Card size="small" title="微更新项目">
      <Row gutter={16}>
        <Col {...FULL}>
          <Form.Item
            label="投资"
            name="investmentWan"
            rules={[
              {
                validator: (_, value: string | null | undefined) =>
                  value === null || value === undefined || value === '' || wanToYuan(String(value)) !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error('请填写金额，最多4位小数')),
              },
            ]}
          >
            <InputNumber
              min="0"
              stringMode
              precision={2}
              suffix="万元"
              style={{ width: '100%' }}
              inputMode="decimal"
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        各阶段计划完成日期；{mode === 'edit' ? '完成后填写实际日期，' : ''}
        有阶段超过计划日期未完成（或晚于计划完成）即为"需加快"
      </Typography.Text>
      <Row gutter={16}>
        {MICRO_STAGES.map((stage) => (
          <Col key={stage} xs={24} sm={12} lg={6}>
            <Form.Item label={`${MICRO_STAGE_LABELS[stage]}计划完成`} name={['micro', stage, 'plannedOn']}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {mode === 'edit' && (
              <Form.Item
                label={`${MICRO_STAGE_LABELS[stage]}实际完成`}
                name={['micro', stage, 'doneOn']}
                dependencies={[['micro', stage, 'plannedOn']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) =>
                      value && !getFieldValue(['micro', stage, 'plannedOn'])
                        ? Promise.reject(new Error('请先填写计划完成日期'))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
