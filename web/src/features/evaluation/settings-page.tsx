import type { EvaluationIndicatorKey, EvaluationSettingsValue } from '@groundbreak/contract';
import { EVALUATION_INDICATOR_LABELS, EVALUATION_INDICATOR_UNITS } from '@groundbreak/contract';
import { EVALUATION_INDICATOR_KEYS, INDICATOR_BY_KEY } from '@groundbreak/domain';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Skeleton, Table, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { fieldErrorsOf } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useEvaluationSettings, useSaveEvaluationSettings } from './api';

// 指标与设置 of the post-evaluation (domain.md §9.2 [A]): each indicator's weight, the cap on a ratio, the
// days late at which a date scores nothing, the grade cut-offs, when tasks are generated and the 整改 months.
// 区发改/工信 edit; everyone else reads the rules their evaluation was scored by.

const DIRECTION_TEXT = { higher: '越高越好', lower: '越低越好', date: '按约定日期，逾期扣分' } as const;

function WeightsTable({ settings, isEditable }: { settings: EvaluationSettingsValue; isEditable: boolean }) {
  const form = Form.useFormInstance<EvaluationSettingsValue>();
  const watched: Partial<EvaluationSettingsValue['weights']> | undefined = Form.useWatch('weights', form);
  const weights = { ...settings.weights, ...watched };
  const total = EVALUATION_INDICATOR_KEYS.reduce((s, k) => s + (Number(weights[k]) || 0), 0);
  return (
    <Table<{ key: EvaluationIndicatorKey }>
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={EVALUATION_INDICATOR_KEYS.map((key) => ({ key }))}
      columns={[
        { key: 'dimension', title: '维度', render: (_, r) => INDICATOR_BY_KEY[r.key].dimension },
        { key: 'label', title: '指标', render: (_, r) => EVALUATION_INDICATOR_LABELS[r.key] },
        {
          key: 'unit',
          title: '单位',
          render: (_, r) =>
            EVALUATION_INDICATOR_UNITS[r.key] === '日期' ? '日期' : EVALUATION_INDICATOR_UNITS[r.key] || '—',
        },
        {
          key: 'direction',
          title: '计分方向',
          render: (_, r) => DIRECTION_TEXT[INDICATOR_BY_KEY[r.key].direction],
        },
        {
          key: 'weight',
          title: '权重',
          width: 140,
          render: (_, r) =>
            isEditable ? (
              <Form.Item
                name={['weights', r.key]}
                noStyle
                rules={[{ required: true, message: '请填写权重' }]}
              >
                <InputNumber
                  min={0}
                  max={100}
                  precision={1}
                  aria-label={`${EVALUATION_INDICATOR_LABELS[r.key]}权重`}
                />
              </Form.Item>
            ) : (
              formatNumber(settings.weights[r.key])
            ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={4}>
            权重合计（无承诺值的指标不计分，其余按比例折算为 100 分）
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4}>{formatNumber(total)}</Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

type NumberField = {
  name: (string | number)[];
  label: string;
  suffix?: string;
  min: number;
  max: number;
  precision?: number;
  extra?: string;
};

const RULE_FIELDS: NumberField[] = [
  {
    name: ['cap'],
    label: '完成比例上限',
    min: 1,
    max: 3,
    precision: 2,
    extra: '得分 = 权重 × min(实际/承诺, 上限)',
  },
  {
    name: ['graceDays'],
    label: '日期指标逾期计零天数',
    suffix: '天',
    min: 1,
    max: 3650,
    extra: '得分 = 权重 × max(0, 1 − 逾期天数/该天数)',
  },
  { name: ['cutoffs', 'excellent'], label: '优秀分数线', suffix: '分', min: 0, max: 100 },
  { name: ['cutoffs', 'good'], label: '良好分数线', suffix: '分', min: 0, max: 100 },
  {
    name: ['cutoffs', 'pass'],
    label: '合格分数线',
    suffix: '分',
    min: 0,
    max: 100,
    extra: '低于此分为不合格',
  },
];

const TASK_FIELDS: NumberField[] = [
  { name: ['productionMonths'], label: '投产评价：投产后', suffix: '个月', min: 1, max: 60 },
  { name: ['targetMonth'], label: '达产评价：达产年度次年', suffix: '月', min: 1, max: 12 },
  { name: ['targetDay'], label: '达产评价：日', suffix: '日', min: 1, max: 31, extra: '且该年度数据已导入' },
  { name: ['fillDays'], label: '企业填报期限', suffix: '天', min: 1, max: 365 },
  { name: ['rectificationMonths'], label: '整改期', suffix: '个月', min: 1, max: 36 },
];

function valueAt(settings: EvaluationSettingsValue, path: (string | number)[]): number {
  let v: unknown = settings;
  for (const key of path) v = (v as Record<string | number, unknown>)[key];
  return Number(v);
}

function Fields({
  fields,
  settings,
  isEditable,
}: {
  fields: NumberField[];
  settings: EvaluationSettingsValue;
  isEditable: boolean;
}) {
  return (
    <Flex wrap gap={16}>
      {fields.map((f) => (
        <Form.Item
          key={f.name.join('.')}
          name={isEditable ? f.name : undefined}
          label={f.label}
          extra={f.extra}
          style={{ minWidth: 200, marginBottom: 8 }}
          rules={isEditable ? [{ required: true, message: `请填写${f.label}` }] : undefined}
        >
          {isEditable ? (
            <InputNumber
              min={f.min}
              max={f.max}
              precision={f.precision ?? 0}
              suffix={f.suffix}
              style={{ width: 180 }}
            />
          ) : (
            <Typography.Text strong>
              {formatNumber(valueAt(settings, f.name))} {f.suffix}
            </Typography.Text>
          )}
        </Form.Item>
      ))}
    </Flex>
  );
}

export function EvaluationSettingsPage() {
  const { message } = App.useApp();
  const query = useEvaluationSettings();
  const save = useSaveEvaluationSettings();
  const isAdmin = useCan('evaluation.admin');
  const reload = useConflictReload(() => query.refetch(), save.reset);
  const [form] = Form.useForm<EvaluationSettingsValue>();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const { settings, version } = query.data;
  return (
    <PageContainer
      title="后评价指标与设置"
      description="评分指标、权重、比例上限、等级分数线，评价任务生成时间和整改期。已生成的评价保留生成时的设置，修改只影响此后的评分"
    >
      <Form<EvaluationSettingsValue>
        form={form}
        layout="vertical"
        initialValues={settings}
        onFinish={(values) =>
          save.mutate(
            {
              version,
              settings: { ...settings, ...values, weights: { ...settings.weights, ...values.weights } },
            },
            {
              onSuccess: () => message.success('设置已保存'),
              onError: (e) =>
                form.setFields(
                  fieldErrorsOf(e).map(({ field, message: text }) => ({
                    name: field.replace(/^settings\./, '').split('.') as never,
                    errors: [text],
                  })),
                ),
            },
          )
        }
      >
        <Flex vertical gap={16}>
          {!isAdmin && <Alert type="info" showIcon title="由区发改、工信部门设置，此处仅供查看" />}
          <Card size="small" title="指标与权重">
            <WeightsTable settings={settings} isEditable={isAdmin} />
          </Card>
          <Card size="small" title="计分规则与等级">
            <Fields fields={RULE_FIELDS} settings={settings} isEditable={isAdmin} />
          </Card>
          <Card size="small" title="任务生成与整改">
            <Fields fields={TASK_FIELDS} settings={settings} isEditable={isAdmin} />
          </Card>
          {isAdmin && (
            <Flex vertical gap={8}>
              <SubmitErrorAlert error={save.error} {...reload} />
              <div>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存设置
                </Button>
              </div>
            </Flex>
          )}
        </Flex>
      </Form>
    </PageContainer>
  );
}
