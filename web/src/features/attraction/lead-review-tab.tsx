import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { LeadDetail, ProjectReview, ReviewResult } from '@groundbreak/contract';
import { DEFAULT_REVIEW_CRITERIA, REVIEW_RESULT_LABELS, REVIEW_RESULTS } from '@groundbreak/contract';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAddReview, useReviews } from './api';

// 项目评审 (项目准入): the meeting, each criterion with 通过/不通过 and a note, the result and its conditions.
// A passed or conditionally passed review is what the gate to 已签约 reads.

const RESULT_COLORS: Record<ReviewResult, string> = {
  passed: 'success',
  conditional: 'warning',
  rejected: 'error',
};

export function ReviewResultTag({ result }: { result: ReviewResult }) {
  return (
    <Tag color={RESULT_COLORS[result]} style={{ marginInlineEnd: 0 }} data-testid="review-result">
      {REVIEW_RESULT_LABELS[result]}
    </Tag>
  );
}

interface ReviewValues {
  meetingName: string;
  meetingOn: Dayjs;
  criteria: { code: string; label: string; passed: boolean; note?: string }[];
  result?: ReviewResult;
  conditions?: string;
}

function ReviewModal({ lead, onClose }: { lead: LeadDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const add = useAddReview(lead.id);
  const [form] = Form.useForm<ReviewValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const result = Form.useWatch('result', form);
  return (
    <Modal
      open
      width={760}
      title="记录评审"
      okText="保存评审"
      cancelText="取消"
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{
          meetingName: '',
          meetingOn: dayjs(),
          criteria: DEFAULT_REVIEW_CRITERIA.map((c) => ({ code: c.code, label: c.label, passed: true })),
        }}
        onValuesChange={() => setSubmitError(undefined)}
        onFinish={(values) =>
          add.mutate(
            {
              meetingName: values.meetingName.trim(),
              meetingOn: values.meetingOn.format('YYYY-MM-DD'),
              criteria: values.criteria.map((c, index) => ({
                code: c.code || `custom_${index + 1}`,
                label: c.label.trim(),
                passed: c.passed,
                note: c.note?.trim() || null,
              })),
              result: values.result ?? 'passed',
              conditions: values.conditions?.trim() || null,
            },
            {
              onSuccess: ({ review }) => {
                message.success(`已记录评审：${REVIEW_RESULT_LABELS[review.result]}`);
                onClose();
              },
              onError: (error) => {
                if (
                  !applyFieldErrors(form, error, [
                    'meetingName',
                    'meetingOn',
                    'criteria',
                    'result',
                    'conditions',
                  ])
                ) {
                  setSubmitError(error);
                }
              },
            },
          )
        }
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="meetingName"
            label="评审会议"
            rules={[{ required: true, whitespace: true, message: '请填写评审会议名称' }]}
            style={{ flex: '2 1 280px' }}
          >
            <Input maxLength={100} placeholder="如：2026 年第 3 次项目准入联审会" />
          </Form.Item>
          <Form.Item
            name="meetingOn"
            label="会议日期"
            rules={[{ required: true, message: '请选择会议日期' }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Typography.Text strong>评审要点</Typography.Text>
        <Form.List name="criteria">
          {(fields, { add: addRow, remove }) => (
            <Flex vertical gap={4} style={{ margin: '8px 0 12px' }}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item name={[field.name, 'code']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'label']}
                    rules={[{ required: true, whitespace: true, message: '请填写评审要点' }]}
                    style={{ flex: '2 1 220px', margin: 0 }}
                  >
                    <Input maxLength={60} placeholder="评审要点" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'passed']} style={{ margin: 0 }}>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      options={[
                        { value: true, label: '通过' },
                        { value: false, label: '不通过' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} style={{ flex: '2 1 200px', margin: 0 }}>
                    <Input maxLength={500} placeholder="说明（选填）" />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label="删除该要点"
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => addRow({ code: '', label: '', passed: true })}
                style={{ alignSelf: 'flex-start' }}
              >
                添加评审要点
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="result" label="评审结论" rules={[{ required: true, message: '请选择评审结论' }]}>
          <Radio.Group options={REVIEW_RESULTS.map((r) => ({ value: r, label: REVIEW_RESULT_LABELS[r] }))} />
        </Form.Item>
        <Form.Item
          name="conditions"
          label="附加条件"
          rules={[{ required: result === 'conditional', whitespace: true, message: '有条件通过须写明条件' }]}
          extra="有条件通过时必填，如：能评批复前不得开工"
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <SubmitErrorAlert error={submitError} />
      </Form>
    </Modal>
  );
}

function ReviewCard({ review }: { review: ProjectReview }) {
  return (
    <Card
      size="small"
      data-testid="lead-review"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{review.meetingName}</span>
          <ReviewResultTag result={review.result} />
        </Flex>
      }
      extra={<Typography.Text type="secondary">{formatDate(review.meetingOn)}</Typography.Text>}
    >
      <Flex vertical gap={6}>
        {review.criteria.map((c) => (
          <Flex key={c.code} gap={8} align="baseline" wrap>
            {c.passed ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="通过" />
            ) : (
              <CloseCircleFilled style={{ color: '#f5222d' }} aria-label="不通过" />
            )}
            <span>{c.label}</span>
            {c.note && <Typography.Text type="secondary">— {c.note}</Typography.Text>}
          </Flex>
        ))}
        {review.conditions && (
          <Typography.Text>
            <Typography.Text strong>附加条件：</Typography.Text>
            {review.conditions}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {review.createdByName ?? ''} 记录于 {formatDateTime(review.createdAt)}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

export function ReviewTab({ lead }: { lead: LeadDetail }) {
  const reviews = useReviews(lead.id);
  const [isAdding, setAdding] = useState(false);
  const items = [...(reviews.data ?? [])].sort((a, b) => b.meetingOn.localeCompare(a.meetingOn));
  return (
    <Card
      size="small"
      variant="borderless"
      title="项目评审（准入）"
      extra={
        lead.abilities.review && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            记录评审
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          签约前须经项目准入评审（亩均、能耗、环保等）；评审通过或有条件通过后方可签约。
        </Typography.Text>
        {reviews.error ? <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} /> : null}
        {reviews.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={lead.abilities.review ? '暂无评审记录，点击"记录评审"' : '暂无评审记录'}
          />
        ) : (
          items.map((r) => <ReviewCard key={r.id} review={r} />)
        )}
      </Flex>
      {isAdding && <ReviewModal lead={lead} onClose={() => setAdding(false)} />}
    </Card>
  );
}
