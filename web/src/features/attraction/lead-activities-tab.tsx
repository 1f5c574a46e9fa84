import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { ActivityKind, LeadActivity, LeadDetail } from '@groundbreak/contract';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '@groundbreak/contract';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useActivities, useActivityDone, useAddActivity } from './api';
import { NextStepCell } from './lead-parts';

// 跟进记录: the timeline of visits, talks and site tours, each with the next step and its date (the owner is
// reminded when it falls due); 记录跟进 adds one, 完成 marks a next step done.

interface ActivityValues {
  kind: ActivityKind;
  occurredOn: Dayjs;
  summary: string;
  participants?: string;
  nextStep?: string;
  nextStepOn?: Dayjs | null;
}

function ActivityModal({ lead, onClose }: { lead: LeadDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const add = useAddActivity(lead.id);
  const [form] = Form.useForm<ActivityValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  return (
    <Modal
      open
      width={640}
      title="记录跟进"
      okText="保存"
      cancelText="取消"
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<ActivityValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ kind: 'visit', occurredOn: dayjs() }}
        onValuesChange={() => setSubmitError(undefined)}
        onFinish={(values) =>
          add.mutate(
            {
              kind: values.kind,
              occurredOn: values.occurredOn.format('YYYY-MM-DD'),
              summary: values.summary.trim(),
              participants: values.participants?.trim() || null,
              nextStep: values.nextStep?.trim() || null,
              nextStepOn: values.nextStepOn ? values.nextStepOn.format('YYYY-MM-DD') : null,
            },
            {
              onSuccess: () => {
                message.success('已记录跟进');
                onClose();
              },
              onError: (error) => {
                if (
                  !applyFieldErrors(form, error, [
                    'kind',
                    'occurredOn',
                    'summary',
                    'participants',
                    'nextStep',
                    'nextStepOn',
                  ])
                )
                  setSubmitError(error);
              },
            },
          )
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
              <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="occurredOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="summary"
          label="内容"
          rules={[{ required: true, whitespace: true, message: '请填写活动内容' }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder="如：赴企业总部洽谈，企业确认在长三角选址，关注用地和能耗指标"
          />
        </Form.Item>
        <Form.Item name="participants" label="参加人员">
          <Input maxLength={200} placeholder="如：板块招商局 张三、企业副总 李四" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="nextStep"
              label="下一步工作"
              dependencies={['nextStepOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    if (getFieldValue('nextStepOn') && !value?.trim())
                      throw new Error('填写了下一步日期，请写明下一步工作');
                  },
                }),
              ]}
            >
              <Input maxLength={500} placeholder="如：邀请企业来武进实地考察地块" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="nextStepOn" label="下一步日期" extra="到期当天提醒招商负责人">
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => {
                  const occurredOn = form.getFieldValue('occurredOn') as Dayjs | undefined;
                  return Boolean(occurredOn && d.isBefore(occurredOn, 'day'));
                }}
              />
            </Form.Item>
          </Col>
        </Row>
        <SubmitErrorAlert error={submitError} />
      </Form>
    </Modal>
  );
}

function ActivityItem({ activity, canEdit }: { activity: LeadActivity; canEdit: boolean }) {
  const { message } = App.useApp();
  const done = useActivityDone();
  const hasOpenStep = Boolean(activity.nextStep || activity.nextStepOn) && !activity.nextStepDoneAt;
  return (
    <div data-testid="lead-activity" style={{ minWidth: 0 }}>
      <Flex gap={8} align="center" wrap>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {ACTIVITY_KIND_LABELS[activity.kind]}
        </Tag>
        <Typography.Text strong>{formatDate(activity.occurredOn)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {activity.createdByName ?? ''} 记录于 {formatDateTime(activity.createdAt)}
        </Typography.Text>
      </Flex>
      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 4 }}>{activity.summary}</div>
      {activity.participants && (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          参加人员：{activity.participants}
        </Typography.Text>
      )}
      {(activity.nextStep || activity.nextStepOn) && (
        <Flex
          gap={12}
          align="center"
          wrap
          style={{ marginTop: 6, padding: '6px 10px', background: '#fafafa', borderRadius: 6 }}
        >
          <Typography.Text type="secondary">下一步</Typography.Text>
          {activity.nextStepDoneAt ? (
            <>
              <Typography.Text delete type="secondary">
                {activity.nextStep} {activity.nextStepOn ? `（${formatDate(activity.nextStepOn)}）` : ''}
              </Typography.Text>
              <Tag color="success">已完成 {formatDate(activity.nextStepDoneAt)}</Tag>
            </>
          ) : (
            <NextStepCell step={activity.nextStep} on={activity.nextStepOn} />
          )}
          {hasOpenStep && canEdit && (
            <Button
              size="small"
              icon={<CheckOutlined />}
              loading={done.isPending}
              onClick={() =>
                done.mutate(
                  { id: activity.id, version: activity.version },
                  {
                    onSuccess: () => message.success('下一步已标记完成'),
                    onError: (error) => message.error(describeError(error).message),
                  },
                )
              }
            >
              标记完成
            </Button>
          )}
        </Flex>
      )}
    </div>
  );
}

export function ActivitiesTab({ lead }: { lead: LeadDetail }) {
  const activities = useActivities(lead.id);
  const [isAdding, setAdding] = useState(false);
  const canEdit = lead.abilities.edit && Boolean(lead.profile);
  const items = [...(activities.data ?? [])].sort((a, b) =>
    a.occurredOn === b.occurredOn
      ? b.createdAt.localeCompare(a.createdAt)
      : b.occurredOn.localeCompare(a.occurredOn),
  );
  return (
    <Card
      size="small"
      title="跟进记录"
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            记录跟进
          </Button>
        )
      }
    >
      {activities.error ? (
        <ErrorAlert error={activities.error} onRetry={() => void activities.refetch()} />
      ) : null}
      {activities.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={canEdit ? '暂无跟进记录，点击"记录跟进"登记走访、洽谈或考察' : '暂无跟进记录'}
        />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((a) => ({
            key: a.id,
            color: a.nextStepDoneAt || !(a.nextStep || a.nextStepOn) ? 'gray' : 'blue',
            content: <ActivityItem activity={a} canEdit={canEdit} />,
          }))}
        />
      )}
      {isAdding && <ActivityModal lead={lead} onClose={() => setAdding(false)} />}
    </Card>
  );
}
