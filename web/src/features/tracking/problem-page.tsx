import { FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import type { ProblemResponse, ProblemStepBody } from '@groundbreak/contract';
import {
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_COMPLEXITIES,
  PROBLEM_COMPLEXITY_LABELS,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_STATUS_LABELS,
  PROBLEM_STEPS,
  type ProblemStatus,
  type ProblemStep,
} from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { formatDate, formatDateTime } from '../../lib/format';
import { attachmentUrl } from '../projects/attachments-api';
import { useProblem, useProblemStep, useProblemUnits, useUploadEvidence } from './api';
import { ProblemMarks, ProblemStatusTag } from './problem-parts';

// One problem: its record, where it stands (time limit, 督办, level), its history (办理情况), the steps the
// caller may take now — each with the fields it needs — and the 督办函 when it is overdue.

type Detail = ProblemResponse;

/** The steps in the order a user meets them; `note` and the decisions follow the main step. */
const ORDER: ProblemStep[] = [
  'assign',
  'accept',
  'resolve',
  'close',
  'approve_extension',
  'refuse_extension',
  'request_extension',
  'reopen',
  'note',
];

function stepLabel(step: string): string {
  if (step === 'raise') return '提出问题';
  if (step === 'supervise') return '列入督办';
  if (step.startsWith('escalate:')) return `升级至${step.slice('escalate:'.length)}`;
  return PROBLEM_STEPS[step as ProblemStep]?.label ?? step;
}

function StepModal({ detail, step, onClose }: { detail: Detail; step: ProblemStep; onClose: () => void }) {
  const { message } = App.useApp();
  const problem = detail.problem;
  const mutation = useProblemStep(problem.id);
  const units = useProblemUnits();
  const upload = useUploadEvidence(problem.id);
  const [evidence, setEvidence] = useState<{ id: string; fileName: string }[]>(problem.evidence);
  const [form] = Form.useForm<ProblemStepBody & { due?: dayjs.Dayjs }>();
  const complexity = Form.useWatch('complexity', form) ?? 'normal';
  const label = PROBLEM_STEPS[step].label;
  const submit = (values: ProblemStepBody & { due?: dayjs.Dayjs }) => {
    const { due, ...rest } = values;
    mutation.mutate(
      {
        ...rest,
        step,
        version: problem.version,
        ...(due ? { requestedDueOn: due.format('YYYY-MM-DD') } : {}),
        ...(step === 'resolve' ? { evidenceIds: evidence.map((e) => e.id) } : {}),
      },
      {
        onSuccess: () => {
          onClose();
          void message.success(`已${label}`);
        },
      },
    );
  };
  return (
    <Modal
      open
      title={label}
      okText={label}
      destroyOnHidden
      okButtonProps={{ loading: mutation.isPending, danger: step === 'reopen' }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ complexity: 'normal', coOrgIds: [] }}
      >
        {step === 'assign' && (
          <>
            <Form.Item
              label="主办单位"
              name="leadOrgId"
              rules={[{ required: true, message: '请选择主办单位' }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={units.isPending}
                options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                aria-label="主办单位"
              />
            </Form.Item>
            <Form.Item label={`协办单位（协办时限${detail.limits.co}个工作日）`} name="coOrgIds">
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                aria-label="协办单位"
              />
            </Form.Item>
            <Form.Item label="复杂程度" name="complexity">
              <Radio.Group
                options={PROBLEM_COMPLEXITIES.map((c) => ({
                  value: c,
                  label: `${PROBLEM_COMPLEXITY_LABELS[c]}（${detail.limits[c]}个工作日）`,
                }))}
              />
            </Form.Item>
            <Form.Item label="办理时限（工作日）" name="limitWorkingDays" extra="不填则按复杂程度的默认时限">
              <InputNumber min={1} max={120} placeholder={String(detail.limits[complexity])} />
            </Form.Item>
          </>
        )}
        {step === 'request_extension' && (
          <Form.Item
            label={`延期至（原时限 ${formatDate(problem.dueOn)}）`}
            name="due"
            rules={[{ required: true, message: '请选择延期后的时限' }]}
          >
            <DatePicker disabledDate={(d) => !!problem.dueOn && !d.isAfter(dayjs(problem.dueOn), 'day')} />
          </Form.Item>
        )}
        {step === 'resolve' && (
          <Form.Item label="销号依据" required>
            <Flex vertical gap={4}>
              <Upload
                showUploadList={false}
                customRequest={({ file, onSuccess, onError }) =>
                  upload.mutate(file as File, {
                    onSuccess: (res) => {
                      setEvidence((list) => [...list, res.attachment]);
                      onSuccess?.(res);
                    },
                    onError: (e) => onError?.(e as Error),
                  })
                }
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending}>
                  上传批复、回执、照片等
                </Button>
              </Upload>
              {evidence.map((e) => (
                <Typography.Text key={e.id} data-testid="evidence-file">
                  {e.fileName}
                </Typography.Text>
              ))}
              <SubmitErrorAlert error={upload.error} />
            </Flex>
          </Form.Item>
        )}
        {step !== 'accept' && step !== 'close' && step !== 'approve_extension' && (
          <Form.Item
            label={
              {
                assign: '交办意见',
                note: '办理情况',
                request_extension: '延期理由',
                refuse_extension: '意见',
                resolve: '办理结果',
                reopen: '退回原因',
              }[step as string] ?? '说明'
            }
            name="note"
            rules={
              ['note', 'request_extension', 'resolve', 'reopen'].includes(step)
                ? [{ required: true, message: '请填写' }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {(step === 'accept' || step === 'close' || step === 'approve_extension') && (
          <Typography.Paragraph>
            {step === 'accept' && '签收后进入办理，办理时限不变。'}
            {step === 'close' && '确认问题已解决并销号。销号后不可再退回。'}
            {step === 'approve_extension' &&
              `同意将办理时限由 ${formatDate(problem.dueOn)} 延至 ${formatDate(problem.requestedDueOn)}。`}
          </Typography.Paragraph>
        )}
        <SubmitErrorAlert error={mutation.error} />
      </Form>
    </Modal>
  );
}

export function ProblemPage() {
  const { id = '' } = useParams();
  const query = useProblem(id);
  const [step, setStep] = useState<ProblemStep>();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const detail = query.data;
  const p = detail.problem;
  const steps = ORDER.filter((s) => detail.can[s]);
  return (
    <PageContainer
      title={
        <Space wrap>
          {p.title}
          <ProblemStatusTag status={p.status} />
          <ProblemMarks problem={p} />
        </Space>
      }
      description={`${p.problemNo} · ${PROBLEM_CATEGORY_LABELS[p.category]} · 来源：${PROBLEM_SOURCE_LABELS[p.source]}${p.sourceRef ? `（${p.sourceRef}）` : ''}`}
      extra={
        <Space wrap>
          {steps.map((s, i) => (
            <Button key={s} type={i === 0 ? 'primary' : 'default'} onClick={() => setStep(s)}>
              {PROBLEM_STEPS[s].label}
            </Button>
          ))}
          {detail.letter && (
            <Button icon={<FileWordOutlined />} href={`/api/problems/${p.id}/letter`} data-testid="letter">
              下载督办函
            </Button>
          )}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label="项目">
              <Link to={`/projects/${p.project.id}?tab=tracking`}>
                {p.project.internalNo} {p.project.name}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label="板块">{p.project.regionName}</Descriptions.Item>
            <Descriptions.Item label="提出日期">{formatDate(p.raisedOn)}</Descriptions.Item>
            <Descriptions.Item label="主办单位">{p.leadOrg?.name ?? '待交办'}</Descriptions.Item>
            <Descriptions.Item label="协办单位">
              {p.coOrgs.map((o) => o.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="交办日期">{formatDate(p.assignedOn)}</Descriptions.Item>
            <Descriptions.Item label="办理时限">
              {p.dueOn ? `${formatDate(p.dueOn)}（${p.limitWorkingDays}个工作日）` : '—'}
              {p.originalDueOn && p.dueOn !== p.originalDueOn && (
                <Typography.Text type="secondary">，原时限{formatDate(p.originalDueOn)}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="协调层级">
              {p.level}（自{formatDate(p.levelSince)}）
            </Descriptions.Item>
            <Descriptions.Item label="督办">
              {p.supervisedOn ? `自${formatDate(p.supervisedOn)}` : '—'}
            </Descriptions.Item>
            {p.requestedDueOn && (
              <Descriptions.Item label="延期申请" span={3}>
                申请延至 {formatDate(p.requestedDueOn)}：{p.extensionReason}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="问题描述" span={3}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {p.description}
              </Typography.Paragraph>
            </Descriptions.Item>
            {p.resolution && (
              <Descriptions.Item label="办理结果" span={3}>
                {p.resolution}
              </Descriptions.Item>
            )}
            {p.evidence.length > 0 && (
              <Descriptions.Item label="销号依据" span={3}>
                <Space wrap>
                  {p.evidence.map((e) => (
                    <a key={e.id} href={attachmentUrl(p.project.id, e.id)}>
                      {e.fileName}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            {p.closedOn && (
              <Descriptions.Item label="销号">
                {formatDate(p.closedOn)}（{p.closedHow === 'enterprise' ? '企业确认' : '区发改核实'}）
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card size="small" title="办理情况">
          <Timeline
            items={detail.events.map((e) => ({
              color:
                e.step.startsWith('escalate') || e.step === 'supervise'
                  ? 'red'
                  : e.step === 'close'
                    ? 'green'
                    : 'blue',
              children: (
                <div data-testid="problem-event">
                  <Typography.Text strong>{stepLabel(e.step)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} · {e.orgName ? `${e.orgName} ` : ''}
                    {e.actorName}
                    {e.toStatus && e.fromStatus !== e.toStatus
                      ? ` · ${PROBLEM_STATUS_LABELS[e.toStatus as ProblemStatus] ?? e.toStatus}`
                      : ''}
                  </Typography.Text>
                  {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Flex>
      {step && <StepModal detail={detail} step={step} onClose={() => setStep(undefined)} />}
    </PageContainer>
  );
}
