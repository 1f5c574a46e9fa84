import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { PoolRule } from '@groundbreak/contract';
import { INDUSTRY_CHAINS, LEAD_SOURCE_LABELS, LEAD_SOURCES } from '@groundbreak/contract';
import { YUAN_PER_WAN } from '@groundbreak/domain';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { formatDateTime } from '../../lib/format';
import { RegionTreeSelect } from '../projects/project-inputs';
import { usePoolRules, useSavePoolRules } from './api';

// 分配规则 editor: ordered rules (产业链 / 来源 / 最低投资 → 板块); the first that matches a pool lead decides.

type RuleValues = {
  industryChain?: string | null;
  source?: PoolRule['source'];
  minInvestmentWan?: number | null;
  regionId?: string;
};

export function PoolRulesEditor({ canEdit }: { canEdit: boolean }) {
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
