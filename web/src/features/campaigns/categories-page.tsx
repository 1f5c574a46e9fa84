import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { CampaignCategory } from '@groundbreak/contract';
import { CATEGORY_GROUP_LABELS, CATEGORY_GROUPS } from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useCan } from '../auth/use-current-user';
import {
  type CategoryInput,
  useCampaignCategories,
  useMaintenanceRules,
  useSaveCampaignRules,
  useSaveCategory,
  useTaskLightRules,
} from './api';

// 类别与规则: the task categories of the campaign (the seed's 三攻坚三提升一改造, 微更新, 大扫除 and the others
// 区城管局 adds) — what a task of each counts, what an inspection of its points checks, how long a 整改单 may
// take and how often a point is inspected — and the two thresholds: days late before a task turns red, and the
// inspection pass mark. 区城管局 and 区发改 edit them; everyone else reads them.

function CategoryModal({ category, onClose }: { category: CampaignCategory | 'new'; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useSaveCategory();
  const [form] = Form.useForm<CategoryInput>();
  const isNew = category === 'new';
  return (
    <Modal
      open
      width={640}
      title={isNew ? '新增类别' : `编辑类别：${category.name}`}
      okText="保存"
      destroyOnHidden
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<CategoryInput>
        form={form}
        layout="vertical"
        initialValues={
          isNew
            ? {
                group: 'improve',
                indicators: [],
                checklist: [''],
                rectifyWorkingDays: 3,
                inspectEveryDays: 30,
                enabled: true,
              }
            : category
        }
        onFinish={(values) =>
          save.mutate(
            {
              ...values,
              code: isNew ? values.code : category.code,
              indicators: values.indicators ?? [],
              ...(isNew ? {} : { version: category.version }),
            },
            {
              onSuccess: () => {
                void message.success('已保存类别');
                onClose();
              },
            },
          )
        }
      >
        <Flex gap={12} wrap>
          <Form.Item
            label="代码"
            name="code"
            style={{ width: 120 }}
            rules={[{ required: isNew, pattern: /^[A-Z][A-Z0-9]{0,7}$/, message: '大写字母开头，不超过8位' }]}
          >
            <Input disabled={!isNew} placeholder="如 T4" />
          </Form.Item>
          <Form.Item label="分组" name="group" style={{ width: 140 }}>
            <Select options={CATEGORY_GROUPS.map((g) => ({ value: g, label: CATEGORY_GROUP_LABELS[g] }))} />
          </Form.Item>
          <Form.Item
            label="名称"
            name="name"
            style={{ flex: 1, minWidth: 180 }}
            rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Flex>
        <Typography.Text strong>数量指标</Typography.Text>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginBottom: 12 }}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={[field.name, 'label']}
                    rules={[{ required: true, message: '指标名称' }]}
                    style={{ flex: 2, margin: 0 }}
                  >
                    <Input placeholder="指标名称，如 拆除违建面积" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unit']}
                    rules={[{ required: true, message: '单位' }]}
                    style={{ flex: 1, margin: 0 }}
                  >
                    <Input placeholder="单位，如 ㎡" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'key']}
                    rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9]{0,29}$/, message: '字母代码' }]}
                    style={{ flex: 1, margin: 0 }}
                  >
                    <Input placeholder="代码，如 areaM2" />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label="删除指标"
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', label: '', unit: '' })}
              >
                添加数量指标
              </Button>
            </Flex>
          )}
        </Form.List>
        <Typography.Text strong>管护检查项</Typography.Text>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginBottom: 12 }}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={field.name}
                    rules={[{ required: true, whitespace: true, message: '检查项不能为空' }]}
                    style={{ flex: 1, margin: 0 }}
                  >
                    <Input placeholder="如 无乱堆乱放" aria-label={`检查项${i + 1}`} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label="删除检查项"
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                添加检查项
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex gap={12} wrap>
          <Form.Item label="整改时限（工作日）" name="rectifyWorkingDays" rules={[{ required: true }]}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item label="巡查周期（天）" name="inspectEveryDays" rules={[{ required: true }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item label="启用" name="enabled" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          检查项的修改用于此后纳入管护的点位；已在台账中的点位沿用其纳入时的检查标准。
        </Typography.Paragraph>
        <SubmitErrorAlert error={save.error} />
      </Form>
    </Modal>
  );
}

/** The two thresholds: 逾期黄灯天数 and the inspection pass mark. */
function RulesCard({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const light = useTaskLightRules();
  const pass = useMaintenanceRules();
  const save = useSaveCampaignRules();
  const [form] = Form.useForm<{ yellowMaxDaysLate: number; passScore: number }>();
  useEffect(() => {
    if (light.data && pass.data) {
      form.setFieldsValue({
        yellowMaxDaysLate: light.data.yellowMaxDaysLate,
        passScore: pass.data.passScore,
      });
    }
  }, [form, light.data, pass.data]);
  if (!light.data || !pass.data) return <Skeleton active />;
  return (
    <Card size="small" title="规则">
      <Form
        form={form}
        layout="inline"
        disabled={!canEdit}
        onFinish={(values) => save.mutate(values, { onSuccess: () => void message.success('已保存规则') })}
      >
        <Form.Item label="逾期不超过" name="yellowMaxDaysLate" extra="天亮黄灯，超过亮红灯">
          <InputNumber min={0} max={365} />
        </Form.Item>
        <Form.Item label="管护巡查合格线" name="passScore" extra="分，且各检查项合格">
          <InputNumber min={0} max={100} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存规则
          </Button>
        )}
      </Form>
      <SubmitErrorAlert error={save.error} />
    </Card>
  );
}

export function CampaignCategoriesPage() {
  const canEdit = useCan('campaign.admin');
  const categories = useCampaignCategories();
  const [editing, setEditing] = useState<CampaignCategory | 'new' | null>(null);
  return (
    <PageContainer
      title="类别与规则"
      description="整治任务的类别（数量指标、管护检查项、整改时限、巡查周期）和逾期亮灯、巡查合格的规则"
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增类别
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <RulesCard canEdit={canEdit} />
        {categories.error && <ErrorAlert error={categories.error} onRetry={() => categories.refetch()} />}
        <Card size="small" title="任务类别">
          <Table<CampaignCategory>
            size="small"
            rowKey="code"
            loading={categories.isLoading}
            pagination={false}
            dataSource={categories.data?.items ?? []}
            columns={[
              { title: '代码', dataIndex: 'code', width: 70 },
              { title: '分组', width: 80, render: (_, c) => CATEGORY_GROUP_LABELS[c.group] },
              { title: '名称', dataIndex: 'name', width: 200 },
              {
                title: '数量指标',
                render: (_, c) => c.indicators.map((i) => `${i.label}（${i.unit}）`).join('、') || '—',
              },
              { title: '管护检查项', render: (_, c) => c.checklist.join('、') },
              {
                title: '整改时限',
                width: 90,
                align: 'right',
                render: (_, c) => `${c.rectifyWorkingDays} 工作日`,
              },
              { title: '巡查周期', width: 80, align: 'right', render: (_, c) => `${c.inspectEveryDays} 天` },
              {
                title: '状态',
                width: 70,
                render: (_, c) => (c.enabled ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
              },
              ...(canEdit
                ? [
                    {
                      title: '',
                      width: 60,
                      render: (_: unknown, c: CampaignCategory) => (
                        <Button
                          type="link"
                          icon={<EditOutlined />}
                          aria-label={`编辑${c.name}`}
                          onClick={() => setEditing(c)}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Flex>
      {editing && <CategoryModal category={editing} onClose={() => setEditing(null)} />}
    </PageContainer>
  );
}
