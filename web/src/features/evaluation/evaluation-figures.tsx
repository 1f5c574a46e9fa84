import type {
  EvaluationDetail,
  EvaluationFigures,
  EvaluationIndicatorKey,
  IndicatorScoreRow,
} from '@groundbreak/contract';
import { EVALUATION_INDICATOR_LABELS, EVALUATION_INDICATOR_UNITS } from '@groundbreak/contract';
import { EVALUATION_INDICATOR_KEYS, INDICATOR_BY_KEY, wanToYuan } from '@groundbreak/domain';
import { Alert, App, Button, Card, DatePicker, Flex, Form, InputNumber, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { fieldErrorsOf } from '../../lib/form-errors';
import { formatNumber, formatRate } from '../../lib/format';
import { useEvaluationStep } from './api';
import { formatFigure, GradeTag } from './evaluation-parts';

// The enterprise's figures (实际值) of an evaluation, entered beside the commitments (承诺值) — money in 万元
// (固定资产投资, turned into integer 元 exactly), the dates, the per-mu figures — prefilled from the 亩均
// annual figures and the project's dates; and, once scored, every indicator's calculation.

const DATE_KEYS = new Set<EvaluationIndicatorKey>(['startOn', 'completionOn', 'productionOn']);
const INTEGER_KEYS = new Set<EvaluationIndicatorKey>(['jobs']);

type Values = Partial<Record<EvaluationIndicatorKey, number | Dayjs | null>>;

function toValues(figures: EvaluationFigures): Values {
  const values: Values = {};
  for (const key of EVALUATION_INDICATOR_KEYS) {
    const v = figures[key];
    if (v === null || v === undefined) continue;
    if (DATE_KEYS.has(key)) values[key] = dayjs(String(v));
    else if (key === 'fixedAssetYuan') values[key] = Number(v) / 10_000;
    else values[key] = Number(v);
  }
  return values;
}

function toFigures(values: Values): EvaluationFigures {
  const out: Record<string, number | string | null> = {};
  for (const key of EVALUATION_INDICATOR_KEYS) {
    const v = values[key];
    if (v === null || v === undefined) out[key] = null;
    else if (dayjs.isDayjs(v)) out[key] = v.format('YYYY-MM-DD');
    else if (key === 'fixedAssetYuan') out[key] = wanToYuan(String(v));
    else out[key] = v;
  }
  return out as EvaluationFigures;
}

function unitOf(key: EvaluationIndicatorKey): string {
  const unit = EVALUATION_INDICATOR_UNITS[key];
  return unit === '日期' || unit === '设计产能单位' ? '' : unit;
}

/** 提交数据: the enterprise's (or, on its behalf, the 板块's) actual figures. */
export function FiguresForm({ detail, isPhone }: { detail: EvaluationDetail; isPhone: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const step = useEvaluationStep(detail.id);
  // What was filed, else the suggestion (亩均 figures, the project's dates), field by field.
  const initial = toValues({ ...detail.prefill, ...stripNulls(detail.actual) });
  const onFinish = (values: Values) =>
    step.mutate(
      { step: 'fill', version: detail.version, actual: toFigures(values) },
      {
        onSuccess: () => message.success('数据已提交，等待板块核查'),
        onError: (e) =>
          form.setFields(
            fieldErrorsOf(e).flatMap(({ field, message: text }) => {
              const key = field.replace(/^actual\./, '');
              return (EVALUATION_INDICATOR_KEYS as readonly string[]).includes(key)
                ? [{ name: key as EvaluationIndicatorKey, errors: [text] }]
                : [];
            }),
          ),
      },
    );
  return (
    <Card size="small" title="填报实际数据" data-testid="evaluation-fill">
      <Flex vertical gap={12} style={{ maxWidth: 720 }}>
        {detail.prefillSource && (
          <Alert
            type="info"
            showIcon
            title={`已按${detail.prefillSource}和项目登记的日期预填，请核对后提交`}
          />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
          <Flex wrap gap={isPhone ? 0 : 12}>
            {EVALUATION_INDICATOR_KEYS.map((key) => {
              const committed = detail.committed[key];
              const label =
                key === 'fixedAssetYuan' ? '实际固定资产投资（万元）' : EVALUATION_INDICATOR_LABELS[key];
              const unit = key === 'fixedAssetYuan' ? '' : unitOf(key);
              return (
                <Form.Item
                  key={key}
                  name={key}
                  label={`${label}${unit ? `（${unit}）` : ''}`}
                  extra={`承诺值：${formatFigure(key, committed)}`}
                  style={{ flex: isPhone ? '1 1 100%' : '1 1 300px', minWidth: 0 }}
                >
                  {DATE_KEYS.has(key) ? (
                    <DatePicker style={{ width: '100%' }} inputReadOnly size={isPhone ? 'large' : 'middle'} />
                  ) : (
                    <InputNumber
                      min={0}
                      max={key === 'rdRatio' ? 100 : undefined}
                      precision={INTEGER_KEYS.has(key) ? 0 : undefined}
                      style={{ width: '100%' }}
                      size={isPhone ? 'large' : 'middle'}
                      inputMode={INTEGER_KEYS.has(key) ? 'numeric' : 'decimal'}
                      aria-label={label}
                    />
                  )}
                </Form.Item>
              );
            })}
          </Flex>
          <Typography.Paragraph type="secondary">
            亩均销售、亩均税收按年开票销售、年实缴税收除以用地亩数填写；综合能耗越低越好；研发经费占销售比重填百分数。
          </Typography.Paragraph>
          <SubmitErrorAlert error={step.error} />
          <Button
            type="primary"
            htmlType="submit"
            loading={step.isPending}
            size={isPhone ? 'large' : 'middle'}
            block={isPhone}
            style={{ marginTop: 8 }}
          >
            提交数据
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}

function stripNulls(figures: EvaluationFigures | null): EvaluationFigures {
  if (!figures) return {};
  return Object.fromEntries(
    Object.entries(figures).filter(([, v]) => v !== null && v !== undefined),
  ) as EvaluationFigures;
}

/** The figures as filed, beside the commitments (before scoring, and for readers who may not fill). */
export function FiguresView({ detail }: { detail: EvaluationDetail }) {
  const rows = EVALUATION_INDICATOR_KEYS.map((key) => ({ key }));
  return (
    <Card size="small" title="承诺值与实际值">
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { key: 'dimension', title: '维度', render: (_, r) => INDICATOR_BY_KEY[r.key].dimension },
          { key: 'label', title: '指标', render: (_, r) => EVALUATION_INDICATOR_LABELS[r.key] },
          {
            key: 'committed',
            title: '承诺值',
            render: (_, r) => formatFigure(r.key, detail.committed[r.key]),
          },
          {
            key: 'actual',
            title: '实际值',
            render: (_, r) => formatFigure(r.key, detail.actual?.[r.key]),
          },
        ]}
      />
    </Card>
  );
}

function ratioText(row: IndicatorScoreRow): string {
  if (!row.scored) return '不计分';
  if (row.direction === 'date') return row.daysLate === null ? '—' : `逾期 ${row.daysLate} 天`;
  return formatRate(row.ratio);
}

/** The score explained: each indicator's 承诺值, 实际值, 完成比例, 权重, 得分 and 计算; total and grade. */
export function Breakdown({ detail }: { detail: EvaluationDetail }) {
  const rows = detail.breakdown ?? [];
  return (
    <Card
      size="small"
      title="评分明细"
      extra={
        <Flex gap={8} align="center">
          <Typography.Text strong data-testid="evaluation-score">
            总分 {detail.score === null ? '—' : formatNumber(detail.score, 1)}
          </Typography.Text>
          <GradeTag grade={detail.grade} testId="evaluation-grade" />
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        {detail.summary && <Typography.Text>{detail.summary}</Typography.Text>}
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          data-testid="evaluation-breakdown"
          columns={[
            { key: 'dimension', title: '维度', render: (_, r) => INDICATOR_BY_KEY[r.key]?.dimension ?? '' },
            { key: 'label', title: '指标', render: (_, r) => r.label },
            { key: 'committed', title: '承诺值', render: (_, r) => formatFigure(r.key, r.committed) },
            { key: 'actual', title: '实际值', render: (_, r) => formatFigure(r.key, r.actual) },
            { key: 'ratio', title: '完成比例', align: 'right', render: (_, r) => ratioText(r) },
            {
              key: 'weight',
              title: '权重',
              align: 'right',
              render: (_, r) =>
                r.weight === r.effectiveWeight || !r.scored
                  ? formatNumber(r.weight)
                  : `${formatNumber(r.weight)}（折算 ${formatNumber(r.effectiveWeight)}）`,
            },
            {
              key: 'points',
              title: '得分',
              align: 'right',
              render: (_, r) => (r.scored ? formatNumber(r.points) : '—'),
            },
            {
              key: 'calculation',
              title: '计算',
              render: (_, r) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.calculation}
                </Typography.Text>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Typography.Text strong>
                  {detail.score === null ? '—' : formatNumber(detail.score, 1)}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7}>
                <GradeTag grade={detail.grade} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Flex>
    </Card>
  );
}
