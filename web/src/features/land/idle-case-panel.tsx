import type { IdleCase } from '@groundbreak/contract';
import {
  IDLE_CASE_STAGE_LABELS,
  IDLE_CASE_STAGES,
  IDLE_CAUSE_LABELS,
  IDLE_DISPOSAL_LABELS,
} from '@groundbreak/contract';
import { DISPOSALS_BY_CAUSE, type IdleCause, wanToYuan } from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Steps,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate, formatWan, yuanToWanText } from '../../lib/format';
import { useAdvanceIdleCase } from './api';

// One 闲置土地 case through 53号令's procedure: 调查 → 认定 → 处置方案 → 处置决定 → 执行 → 结案. The panel shows
// what each stage recorded and, for whoever handles it, the form of the next stage: 认定 the cause and the
// 认定书, 处置方案 a disposal that fits the cause, 决定 the 决定书 with the fee (20% of the land price by
// default) and the deadline, 结案 the result.

type Values = Record<string, string | Dayjs | undefined>;
const DATE_KEYS = ['determinedOn', 'decidedOn', 'deadlineOn'];

function NextStageForm({ c, onDone }: { c: IdleCase; onDone?: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const advance = useAdvanceIdleCase();
  const [error, setError] = useState<unknown>();
  const next = IDLE_CASE_STAGES[IDLE_CASE_STAGES.indexOf(c.stage) + 1];
  if (!next) return null;
  const disposals = c.cause ? DISPOSALS_BY_CAUSE[c.cause as IdleCause] : [];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={
        next === 'decision' && c.disposal === 'fee' && c.suggestedFeeYuan !== null
          ? { feeWan: yuanToWanText(c.suggestedFeeYuan) }
          : {}
      }
      onFinish={(values) => {
        setError(undefined);
        const body: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(values)) {
          if (value === undefined || value === '') continue;
          if (key === 'feeWan') body.feeYuan = wanToYuan(String(value));
          else if (DATE_KEYS.includes(key)) body[key] = (value as Dayjs).format('YYYY-MM-DD');
          else body[key] = typeof value === 'string' ? value.trim() : value;
        }
        advance.mutate(
          { ...body, id: c.id, version: c.version },
          {
            onSuccess: (result) => {
              message.success(`已进入「${IDLE_CASE_STAGE_LABELS[result.case.stage]}」`);
              form.resetFields();
              onDone?.();
            },
            onError: (e) => {
              if (
                !applyFieldErrors(form, e, [
                  'cause',
                  'determinationNo',
                  'determinedOn',
                  'disposal',
                  'plan',
                  'decisionNo',
                  'decidedOn',
                  'deadlineOn',
                  'feeYuan',
                  'result',
                ])
              )
                setError(e);
            },
          },
        );
      }}
    >
      <SubmitErrorAlert error={error} />
      {next === 'determination' ? (
        <Flex gap={12} wrap>
          <Form.Item
            name="cause"
            label="闲置原因"
            rules={[{ required: true, message: '请选择闲置原因' }]}
            style={{ width: 180 }}
          >
            <Select options={Object.entries(IDLE_CAUSE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item
            name="determinationNo"
            label="闲置土地认定书文号"
            rules={[{ required: true, message: '请填写认定书文号' }]}
            style={{ width: 240 }}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="determinedOn"
            label="认定日期"
            rules={[{ required: true, message: '请填写认定日期' }]}
          >
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Flex>
      ) : null}
      {next === 'plan' ? (
        <>
          <Form.Item
            name="disposal"
            label="处置方式"
            rules={[{ required: true, message: '请选择处置方式' }]}
            style={{ width: 260 }}
          >
            <Select options={disposals.map((d) => ({ value: d, label: IDLE_DISPOSAL_LABELS[d] }))} />
          </Form.Item>
          <Form.Item name="plan" label="处置方案" rules={[{ required: true, message: '请填写处置方案' }]}>
            <Input.TextArea maxLength={1000} rows={3} />
          </Form.Item>
        </>
      ) : null}
      {next === 'decision' ? (
        <Flex gap={12} wrap>
          <Form.Item
            name="decisionNo"
            label="处置决定书文号"
            rules={[{ required: true, message: '请填写决定书文号' }]}
            style={{ width: 240 }}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="decidedOn"
            label="决定日期"
            rules={[{ required: true, message: '请填写决定日期' }]}
          >
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="deadlineOn"
            label="执行期限"
            rules={[{ required: true, message: '请填写执行期限' }]}
          >
            <DatePicker />
          </Form.Item>
          {c.disposal === 'fee' ? (
            <Form.Item
              name="feeWan"
              label="土地闲置费（万元）"
              extra="默认为土地出让价款的 20%"
              rules={[{ required: true, message: '请填写闲置费' }]}
            >
              <Input inputMode="decimal" style={{ width: 180 }} />
            </Form.Item>
          ) : null}
        </Flex>
      ) : null}
      {next === 'closed' ? (
        <Form.Item name="result" label="执行结果" rules={[{ required: true, message: '请填写执行结果' }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={advance.isPending}>
        {next === 'execution'
          ? '决定已送达，进入执行'
          : next === 'closed'
            ? '结案'
            : `进入「${IDLE_CASE_STAGE_LABELS[next]}」`}
      </Button>
    </Form>
  );
}

export function IdleCasePanel({ c, canAdvance }: { c: IdleCase; canAdvance: boolean }) {
  const current = IDLE_CASE_STAGES.indexOf(c.stage);
  return (
    <Card size="small" title={`${c.parcelName}（${c.parcelNo}）· ${c.regionName}`}>
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={current}
          status={c.stage === 'closed' ? 'finish' : 'process'}
          items={IDLE_CASE_STAGES.map((s) => ({ title: IDLE_CASE_STAGE_LABELS[s] }))}
        />
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'notice', label: '调查通知', children: formatDate(c.noticeOn) },
            { key: 'cause', label: '闲置原因', children: c.cause ? IDLE_CAUSE_LABELS[c.cause] : '—' },
            {
              key: 'determination',
              label: '认定书',
              children: c.determinationNo ? `${c.determinationNo}（${formatDate(c.determinedOn)}）` : '—',
            },
            {
              key: 'disposal',
              label: '处置方式',
              children: c.disposal ? IDLE_DISPOSAL_LABELS[c.disposal] : '—',
            },
            {
              key: 'decision',
              label: '决定书',
              children: c.decisionNo ? `${c.decisionNo}（${formatDate(c.decidedOn)}）` : '—',
            },
            { key: 'deadline', label: '执行期限', children: formatDate(c.deadlineOn) },
            {
              key: 'fee',
              label: '土地闲置费',
              children:
                c.feeYuan !== null
                  ? `${formatWan(c.feeYuan)} 万元`
                  : c.suggestedFeeYuan !== null
                    ? `按价款 20% 约 ${formatWan(c.suggestedFeeYuan)} 万元`
                    : '—',
            },
            { key: 'plan', label: '处置方案', span: 2, children: c.plan ?? '—' },
            { key: 'result', label: '执行结果', span: 3, children: c.result ?? '—' },
          ]}
        />
        {canAdvance && c.stage !== 'closed' ? (
          <>
            <Typography.Text strong>下一环节</Typography.Text>
            <NextStageForm c={c} />
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
