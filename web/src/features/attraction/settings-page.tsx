import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { PoolRule, ScorecardConfig, ScorecardCriterion } from '@groundbreak/contract';
import { INDUSTRY_CHAINS, LEAD_SOURCE_LABELS, LEAD_SOURCES } from '@groundbreak/contract';
import { YUAN_PER_WAN } from '@groundbreak/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { RegionTreeSelect } from '../projects/project-inputs';
import { usePoolRules, useSavePoolRules, useSaveScorecard, useScorecard } from './api';

// 评分卡与分配规则: the scorecard (criteria, weights summing to 100, the bands or options of each, the A/B
// cut-offs) and the ordered pool-assignment rules (产业链 / 来源 / 最低投资 → 板块). 区商务局 and 区发改 edit;
// everyone else reads. Money bands are typed in 万元 and kept in 元.

type CriterionValues = ScorecardCriterion;
type ScorecardValues = ScorecardConfig;

/** Money bands are edited in 万元: the stored 元 divided, and multiplied back on save. */
function scaleMoneyBands(config: ScorecardConfig, factor: number): ScorecardConfig {
  return {
    ...config,
    criteria: config.criteria.map((c) =>
      c.type === 'number' && c.money
        ? { ...c, bands: c.bands.map((b) => ({ ...b, from: Math.round(b.from * factor * 10000) / 10000 })) }
        : c,
    ),
  };
}

function BandsEditor({
  name,
  isMoney,
  unit,
  disabled,
}: {
  name: number;
  isMoney: boolean;
  unit: string;
  disabled: boolean;
}) {
  return (
    <Form.List name={[name, 'bands']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            档位（从下限起计分；越低越好的指标为"不超过"该值）
          </Typography.Text>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item
                name={[field.name, 'label']}
                rules={[{ required: true, message: '档位名称' }]}
                style={{ margin: 0, flex: '2 1 140px' }}
              >
                <Input placeholder="档位名称，如 10亿元以上" maxLength={30} disabled={disabled} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'from']}
                rules={[{ required: true, message: '界限值' }]}
                style={{ margin: 0, flex: '1 1 120px' }}
              >
                <InputNumber<number>
                  style={{ width: '100%' }}
                  suffix={isMoney ? '万元' : unit}
                  placeholder="界限值"
                  disabled={disabled}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'points']}
                rules={[{ required: true, message: '分值' }]}
                style={{ margin: 0, width: 110 }}
              >
                <InputNumber<number>
                  min={0}
                  max={100}
                  suffix="分"
                  style={{ width: '100%' }}
                  disabled={disabled}
                />
              </Form.Item>
              {!disabled && (
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label="删除档位"
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                />
              )}
            </Flex>
          ))}
          {!disabled && (
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ label: '', from: 0, points: 0 })}
              style={{ alignSelf: 'flex-start' }}
            >
              添加档位
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

function OptionsEditor({ name, disabled }: { name: number; disabled: boolean }) {
  return (
    <Form.List name={[name, 'options']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            选项
          </Typography.Text>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item
                name={[field.name, 'value']}
                rules={[{ required: true, message: '选项代码' }]}
                style={{ margin: 0, flex: '1 1 110px' }}
              >
                <Input placeholder="代码，如 core" maxLength={30} disabled={disabled} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'label']}
                rules={[{ required: true, message: '选项名称' }]}
                style={{ margin: 0, flex: '2 1 140px' }}
              >
                <Input placeholder="名称，如 重点产业链" maxLength={30} disabled={disabled} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'points']}
                rules={[{ required: true, message: '分值' }]}
                style={{ margin: 0, width: 110 }}
              >
                <InputNumber<number>
                  min={0}
                  max={100}
                  suffix="分"
                  style={{ width: '100%' }}
                  disabled={disabled}
                />
              </Form.Item>
              {!disabled && (
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label="删除选项"
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                />
              )}
            </Flex>
          ))}
          {!disabled && (
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ value: '', label: '', points: 0 })}
              style={{ alignSelf: 'flex-start' }}
            >
              添加选项
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

function CriterionCard({
  name,
  onRemove,
  disabled,
}: {
  name: number;
  onRemove: () => void;
  disabled: boolean;
}) {
  const form = Form.useFormInstance<ScorecardValues>();
  const criterion = Form.useWatch(['criteria', name], form) as CriterionValues | undefined;
  const type = criterion?.type ?? 'number';
  return (
    <Card
      size="small"
      type="inner"
      title={criterion?.label || '新指标'}
      extra={
        !disabled && (
          <Button type="link" danger size="small" onClick={onRemove}>
            删除指标
          </Button>
        )
      }
    >
      <Row gutter={12}>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={[name, 'label']}
            label="指标名称"
            rules={[{ required: true, message: '请填写指标名称' }]}
          >
            <Input maxLength={30} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={5}>
          <Form.Item
            name={[name, 'code']}
            label="代码"
            rules={[{ required: true, message: '请填写指标代码' }]}
          >
            <Input maxLength={30} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[name, 'weight']} label="权重" rules={[{ required: true, message: '请填写权重' }]}>
            <InputNumber<number> min={0} max={100} suffix="%" style={{ width: '100%' }} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[name, 'type']} label="类型">
            <Select
              disabled={disabled}
              options={[
                { value: 'number', label: '数值分档' },
                { value: 'choice', label: '选项' },
              ]}
              onChange={(next: 'number' | 'choice') => {
                const current = form.getFieldValue(['criteria', name]) as CriterionValues;
                form.setFieldValue(
                  ['criteria', name],
                  next === 'number'
                    ? {
                        type: 'number',
                        code: current.code,
                        label: current.label,
                        weight: current.weight,
                        unit: '',
                        money: false,
                        lowerIsBetter: false,
                        bands: [{ label: '', from: 0, points: 0 }],
                      }
                    : {
                        type: 'choice',
                        code: current.code,
                        label: current.label,
                        weight: current.weight,
                        options: [{ value: '', label: '', points: 0 }],
                      },
                );
              }}
            />
          </Form.Item>
        </Col>
        {type === 'number' && (
          <Col xs={24} md={5}>
            <Form.Item name={[name, 'unit']} label="单位" rules={[{ required: true, message: '请填写单位' }]}>
              <Input maxLength={20} placeholder="如 万元/亩" disabled={disabled} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {type === 'number' ? (
        <>
          <Flex gap={24} wrap style={{ marginBottom: 8 }}>
            <Form.Item
              name={[name, 'money']}
              label="金额（万元填写）"
              valuePropName="checked"
              style={{ margin: 0 }}
            >
              <Switch disabled={disabled} />
            </Form.Item>
            <Form.Item
              name={[name, 'lowerIsBetter']}
              label="越低越好"
              valuePropName="checked"
              style={{ margin: 0 }}
            >
              <Switch disabled={disabled} />
            </Form.Item>
          </Flex>
          <BandsEditor
            name={name}
            isMoney={criterion?.type === 'number' && Boolean(criterion.money)}
            unit={criterion?.type === 'number' ? criterion.unit : ''}
            disabled={disabled}
          />
        </>
      ) : (
        <OptionsEditor name={name} disabled={disabled} />
      )}
    </Card>
  );
}

function ScorecardEditor({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const scorecard = useScorecard();
  const save = useSaveScorecard();
  const [form] = Form.useForm<ScorecardValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const criteria = Form.useWatch('criteria', form) as CriterionValues[] | undefined;
  const weightSum = (criteria ?? []).reduce((sum, c) => sum + (Number(c?.weight) || 0), 0);

  if (scorecard.error) return <ErrorAlert error={scorecard.error} onRetry={() => void scorecard.refetch()} />;
  if (!scorecard.data) return <Skeleton active />;
  const { version, updatedAt } = scorecard.data;

  return (
    <Form<ScorecardValues>
      key={version}
      form={form}
      layout="vertical"
      disabled={!canEdit}
      initialValues={scaleMoneyBands(scorecard.data.config, 1 / YUAN_PER_WAN)}
      onValuesChange={() => setSubmitError(undefined)}
      onFinish={(values) =>
        save.mutate(
          { config: scaleMoneyBands(values, YUAN_PER_WAN), version },
          {
            onSuccess: () => message.success('已保存评分卡；之后的评分按新评分卡计算'),
            onError: setSubmitError,
          },
        )
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={16} wrap align="center">
          <Typography.Text
            type={Math.abs(weightSum - 100) < 1e-6 ? 'success' : 'danger'}
            data-testid="weight-sum"
          >
            权重合计 {weightSum}%{Math.abs(weightSum - 100) < 1e-6 ? '' : '（应为 100%）'}
          </Typography.Text>
          <Form.Item
            name={['cutoffs', 'A']}
            label="A 类分数线（≥）"
            style={{ margin: 0 }}
            rules={[{ required: true, message: '请填写' }]}
          >
            <InputNumber<number> min={0} max={100} suffix="分" />
          </Form.Item>
          <Form.Item
            name={['cutoffs', 'B']}
            label="B 类分数线（≥）"
            style={{ margin: 0 }}
            rules={[{ required: true, message: '请填写' }]}
          >
            <InputNumber<number> min={0} max={100} suffix="分" />
          </Form.Item>
          <Typography.Text type="secondary">低于 B 类分数线为 C 类</Typography.Text>
        </Flex>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field) => (
                <CriterionCard
                  key={field.key}
                  name={field.name}
                  onRemove={() => remove(field.name)}
                  disabled={!canEdit}
                />
              ))}
              {canEdit && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      type: 'number',
                      code: '',
                      label: '',
                      weight: 0,
                      unit: '',
                      money: false,
                      lowerIsBetter: false,
                      bands: [{ label: '', from: 0, points: 0 }],
                    })
                  }
                >
                  添加评分指标
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        <Typography.Text type="secondary">
          {updatedAt ? `最近修改 ${formatDateTime(updatedAt)}` : '系统默认评分卡'}
        </Typography.Text>
        {canEdit && (
          <Flex vertical gap={8}>
            <SubmitErrorAlert
              error={submitError}
              onReload={() => void scorecard.refetch()}
              isReloading={scorecard.isFetching}
            />
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              style={{ alignSelf: 'flex-start' }}
            >
              保存评分卡
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}

type RuleValues = {
  industryChain?: string | null;
  source?: PoolRule['source'];
  minInvestmentWan?: number | null;
  regionId?: string;
};

function PoolRulesEditor({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const rules = usePoolRules();
  const save = useSavePoolRules();
  const [form] = Form.useForm<{ rules: RuleValues[] }>();
  const [submitError, setSubmitError] = useState<unknown>();
  if (rules.error) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  if (!rules.data) return <Skeleton active />;
  const { version, updatedAt } = rules.data;
  const initial: RuleValues[] = rules.data.rules.map((r) => ({
    industryChain: r.industryChain ?? null,
    source: r.source ?? null,
    minInvestmentWan:
      r.minInvestmentYuan === null || r.minInvestmentYuan === undefined
        ? null
        : r.minInvestmentYuan / YUAN_PER_WAN,
    regionId: r.regionId,
  }));

  return (
    <Form<{ rules: RuleValues[] }>
      key={version}
      form={form}
      layout="vertical"
      disabled={!canEdit}
      initialValues={{ rules: initial }}
      onValuesChange={() => setSubmitError(undefined)}
      onFinish={(values) =>
        save.mutate(
          {
            version,
            rules: (values.rules ?? []).map((r) => ({
              industryChain: r.industryChain ?? null,
              source: r.source ?? null,
              minInvestmentYuan:
                r.minInvestmentWan === null || r.minInvestmentWan === undefined
                  ? null
                  : Math.round(r.minInvestmentWan * YUAN_PER_WAN),
              regionId: r.regionId ?? '',
            })),
          },
          { onSuccess: () => message.success('已保存分配规则'), onError: setSubmitError },
        )
      }
    >
      <Flex vertical gap={12}>
        <Alert
          type="info"
          showIcon
          title="从上到下逐条匹配，第一条匹配的规则决定线索分配到哪个板块；条件留空表示不限。"
        />
        <Form.List name="rules">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={8}>
              {fields.length === 0 && (
                <Typography.Text type="secondary">
                  暂无分配规则{canEdit ? '，点击"添加规则"' : ''}
                </Typography.Text>
              )}
              {fields.map((field, index) => (
                <Card key={field.key} size="small" data-testid="pool-rule">
                  <Flex gap={8} align="start" wrap>
                    <Typography.Text strong style={{ width: 48, paddingTop: 5 }}>
                      第 {index + 1} 条
                    </Typography.Text>
                    <Form.Item name={[field.name, 'industryChain']} style={{ margin: 0, flex: '1 1 160px' }}>
                      <Select
                        allowClear
                        placeholder="产业链（不限）"
                        options={INDUSTRY_CHAINS.map((c) => ({ value: c, label: c }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'source']} style={{ margin: 0, flex: '1 1 140px' }}>
                      <Select
                        allowClear
                        placeholder="来源（不限）"
                        options={LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'minInvestmentWan']}
                      style={{ margin: 0, flex: '1 1 170px' }}
                    >
                      <InputNumber<number>
                        min={0}
                        style={{ width: '100%' }}
                        prefix="≥"
                        suffix="万元"
                        placeholder="最低投资（不限）"
                      />
                    </Form.Item>
                    <Typography.Text style={{ paddingTop: 5 }}>→</Typography.Text>
                    <Form.Item
                      name={[field.name, 'regionId']}
                      rules={[{ required: true, message: '请选择板块' }]}
                      style={{ margin: 0, flex: '1 1 200px' }}
                    >
                      <RegionTreeSelect />
                    </Form.Item>
                    {canEdit && (
                      <Flex gap={0}>
                        <Button
                          type="text"
                          icon={<ArrowUpOutlined />}
                          aria-label="上移"
                          disabled={index === 0}
                          onClick={() => move(index, index - 1)}
                        />
                        <Button
                          type="text"
                          icon={<ArrowDownOutlined />}
                          aria-label="下移"
                          disabled={index === fields.length - 1}
                          onClick={() => move(index, index + 1)}
                        />
                        <Button
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          aria-label="删除规则"
                          onClick={() => remove(field.name)}
                        />
                      </Flex>
                    )}
                  </Flex>
                </Card>
              ))}
              {canEdit && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ industryChain: null, source: null, minInvestmentWan: null })}
                >
                  添加规则
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        <Typography.Text type="secondary">
          {updatedAt ? `最近修改 ${formatDateTime(updatedAt)}` : '尚未设置分配规则'}
        </Typography.Text>
        {canEdit && (
          <Flex vertical gap={8}>
            <SubmitErrorAlert
              error={submitError}
              onReload={() => void rules.refetch()}
              isReloading={rules.isFetching}
            />
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              style={{ alignSelf: 'flex-start' }}
            >
              保存分配规则
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}

export function SettingsPage() {
  const canEdit = useCan('attraction.admin');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'rules' ? 'rules' : 'scorecard';
  return (
    <PageContainer
      title="评分卡与分配规则"
      description={
        canEdit
          ? '线索评分卡和公海线索的分配规则；修改后对之后的评分和分配生效'
          : '只读：由区商务局、区发改维护'
      }
    >
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'rules' ? { tab: 'rules' } : {}, { replace: true })}
          items={[
            { key: 'scorecard', label: '评分卡', children: <ScorecardEditor canEdit={canEdit} /> },
            { key: 'rules', label: '分配规则', children: <PoolRulesEditor canEdit={canEdit} /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
