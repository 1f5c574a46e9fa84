import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ScorecardConfig, ScorecardCriterion } from '@groundbreak/contract';
import { YUAN_PER_WAN } from '@groundbreak/domain';
import {
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
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { formatDateTime } from '../../lib/format';
import { useSaveScorecard, useScorecard } from './api';

// 评分卡 editor: criteria with weights summing to 100, the bands or options of each, the A/B cut-offs. Money
// bands are typed in 万元 and kept in 元.

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

export function ScorecardEditor({ canEdit }: { canEdit: boolean }) {
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
