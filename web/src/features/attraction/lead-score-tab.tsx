import type { LeadDetail, ScorecardCriterion, ScorePart, ScoreResult } from '@groundbreak/contract';
import { LEAD_GRADE_LABELS } from '@groundbreak/contract';
import { wanToYuan } from '@groundbreak/domain';
import type { TableProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { formatDateTime, formatNumber, yuanToWanText } from '../../lib/format';
import { WanInput } from '../projects/project-inputs';
import { useScorecard, useScoreLead } from './api';
import { GradeTag } from './lead-parts';

// 评分: the configurable scorecard (投资规模, 产业链契合度, 亩均税收, 投资强度, 能耗与环保 …) filled for this lead →
// the total, the grade A/B/C and each criterion's calculation, so anyone can see how the grade came about.

type ScoreValues = Record<string, string | number | undefined>;

/** The inputs the form starts from: the last scoring's, else the lead's estimated investment for money. */
function initialInputs(lead: LeadDetail, criteria: readonly ScorecardCriterion[]): ScoreValues {
  const last = lead.profile?.scoreInputs ?? {};
  const values: ScoreValues = {};
  for (const c of criteria) {
    const previous = last[c.code];
    if (c.type === 'number' && c.money) {
      const yuan = typeof previous === 'number' ? previous : lead.totalInvestment;
      values[c.code] = yuan === null || yuan === undefined ? undefined : yuanToWanText(yuan);
    } else if (previous !== undefined) {
      values[c.code] = previous;
    }
  }
  return values;
}

function CriterionInput({ criterion }: { criterion: ScorecardCriterion }) {
  if (criterion.type === 'choice') {
    return (
      <Form.Item
        name={criterion.code}
        label={`${criterion.label}（权重 ${criterion.weight}%）`}
        rules={[{ required: true, message: `请选择${criterion.label}` }]}
      >
        <Select
          placeholder="请选择"
          options={criterion.options.map((o) => ({ value: o.value, label: `${o.label}（${o.points} 分）` }))}
        />
      </Form.Item>
    );
  }
  const bands = criterion.bands.map((b) => `${b.label} ${b.points}分`).join('；');
  return (
    <Form.Item
      name={criterion.code}
      label={`${criterion.label}（权重 ${criterion.weight}%）`}
      rules={[
        { required: true, message: `请填写${criterion.label}` },
        ...(criterion.money
          ? [
              {
                validator: async (_r: unknown, value: string | undefined) => {
                  if (value && wanToYuan(value) === null)
                    throw new Error('请输入金额（万元），如 5000 或 1234.5');
                },
              },
            ]
          : []),
      ]}
      extra={<span style={{ fontSize: 12 }}>{`${criterion.lowerIsBetter ? '越低越好。' : ''}${bands}`}</span>}
    >
      {criterion.money ? (
        <WanInput />
      ) : (
        <InputNumber<number> style={{ width: '100%' }} min={0} suffix={criterion.unit} />
      )}
    </Form.Item>
  );
}

const PART_COLUMNS: TableProps<ScorePart>['columns'] = [
  { key: 'label', title: '指标', render: (_, p) => p.label },
  { key: 'input', title: '填报值', render: (_, p) => p.input },
  { key: 'band', title: '所在档位', render: (_, p) => p.band },
  { key: 'points', title: '得分', align: 'right', render: (_, p) => formatNumber(p.points, 1) },
  { key: 'weight', title: '权重', align: 'right', render: (_, p) => `${formatNumber(p.weight, 1)}%` },
  { key: 'weighted', title: '加权得分', align: 'right', render: (_, p) => formatNumber(p.weighted, 2) },
  {
    key: 'calculation',
    title: '计算过程',
    width: 220,
    render: (_, p) => (
      <Typography.Text type="secondary" style={{ wordBreak: 'break-word', fontSize: 12 }}>
        {p.calculation}
      </Typography.Text>
    ),
  },
];

/** The result of a scoring: the total and grade, how the grade follows, and each criterion's calculation. */
export function ScoreResultView({ result, scoredAt }: { result: ScoreResult; scoredAt?: string | null }) {
  return (
    <Flex vertical gap={12} data-testid="score-result">
      <Flex gap={32} wrap align="center">
        <Statistic title="总分" value={result.total} precision={1} />
        <div>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            评级
          </Typography.Text>
          <Flex gap={8} align="center">
            <GradeTag grade={result.grade} score={result.total} />
            <Typography.Text>{LEAD_GRADE_LABELS[result.grade]}</Typography.Text>
          </Flex>
        </div>
        {scoredAt && <Typography.Text type="secondary">评分时间 {formatDateTime(scoredAt)}</Typography.Text>}
      </Flex>
      <Alert type="info" showIcon title={result.gradeExplanation} />
      <Table<ScorePart>
        rowKey="code"
        size="small"
        pagination={false}
        columns={PART_COLUMNS}
        dataSource={result.parts}
        scroll={{ x: 680 }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              <Typography.Text strong>合计</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <Typography.Text strong>{formatNumber(result.total, 2)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} />
          </Table.Summary.Row>
        )}
      />
    </Flex>
  );
}

export function ScoreTab({ lead }: { lead: LeadDetail }) {
  const { message } = App.useApp();
  const scorecard = useScorecard();
  const score = useScoreLead(lead.id);
  const [form] = Form.useForm<ScoreValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const canScore = lead.abilities.score && Boolean(lead.profile);
  const detail = lead.profile?.scoreDetail;

  if (scorecard.error) return <ErrorAlert error={scorecard.error} onRetry={() => void scorecard.refetch()} />;
  if (!scorecard.data) return <Skeleton active />;
  const criteria = scorecard.data.config.criteria;
  const { cutoffs } = scorecard.data.config;

  function handleFinish(values: ScoreValues) {
    setSubmitError(undefined);
    const inputs: Record<string, number | string> = {};
    for (const c of criteria) {
      const value = values[c.code];
      if (value === undefined || value === '') continue;
      inputs[c.code] = c.type === 'number' && c.money ? (wanToYuan(String(value)) ?? 0) : value;
    }
    score.mutate(
      { inputs, version: lead.profile?.version ?? 0 },
      {
        onSuccess: ({ lead: scored }) =>
          message.success(
            `评分完成：${scored.profile?.score?.toFixed(1) ?? ''} 分，${scored.profile?.grade ?? ''} 类`,
          ),
        onError: setSubmitError,
      },
    );
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <Card
          size="small"
          title="评分卡"
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              A 类 ≥ {cutoffs.A} 分，B 类 ≥ {cutoffs.B} 分
            </Typography.Text>
          }
        >
          {canScore ? (
            <Form<ScoreValues>
              form={form}
              layout="vertical"
              initialValues={initialInputs(lead, criteria)}
              onFinish={handleFinish}
              onValuesChange={() => setSubmitError(undefined)}
            >
              {criteria.map((c) => (
                <CriterionInput key={c.code} criterion={c} />
              ))}
              <Flex vertical gap={12}>
                <SubmitErrorAlert error={submitError} />
                <Button type="primary" htmlType="submit" loading={score.isPending}>
                  评分
                </Button>
              </Flex>
            </Form>
          ) : (
            <Typography.Text type="secondary">
              {lead.profile ? '您没有为该线索评分的权限' : '请先在"基本情况"中建立招商档案'}
            </Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card size="small" title="评分结果">
          {detail ? (
            <ScoreResultView result={detail} scoredAt={lead.profile?.scoredAt} />
          ) : (
            <Typography.Text type="secondary">
              尚未评分。填写左侧评分卡后点击"评分"，结果和每项指标的计算过程显示在这里。
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
