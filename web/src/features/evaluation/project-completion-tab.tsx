import type { CompletionApplication, CompletionDetail, Project } from '@groundbreak/contract';
import { COMPLETION_FLAG_LABELS } from '@groundbreak/contract';
import { COMPLETION_FLAGS, type CompletionFlag, PROJECT_STATE_LABELS } from '@groundbreak/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Skeleton,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { isApiError } from '../../lib/http';
import { useApplyCompletion, useCompletion, useIssueCompletion, useSaveCompletion } from './api';
import { CompletionStatusTag, TitleDaysTag } from './evaluation-parts';

// The project's 竣工即发证 tab (domain.md §9.1): one integrated application (一并申请) — the 多测合一 survey
// and the five eligibility flags checked first — then the three outputs issued together (联合验收意见书,
// 竣工验收备案表, 不动产权证书) with their numbers; issuing moves the project to 已竣工. After issue: the
// numbers, and 同日发证 or how many days the title took after acceptance.

type DraftValues = {
  surveyReportNo: string | null;
  surveyApprovedOn: Dayjs | null;
  flags: CompletionFlag[];
  note: string | null;
};

type IssueValues = {
  jointAcceptanceNo: string;
  jointAcceptanceOn: Dayjs;
  filingNo: string;
  filingOn: Dayjs;
  titleNo: string;
  titleOn: Dayjs;
  actualCompletionOn?: Dayjs;
};

const DRAFT_FIELDS = ['surveyReportNo', 'surveyApprovedOn', 'note'] as const;
const ISSUE_FIELDS = [
  'jointAcceptanceNo',
  'jointAcceptanceOn',
  'filingNo',
  'filingOn',
  'titleNo',
  'titleOn',
  'actualCompletionOn',
] as const;

/** States a project reaches after completion: no application can be made any more. */
const AFTER_COMPLETION = new Set(['COMPLETED', 'IN_PRODUCTION', 'AT_TARGET', 'POST_EVALUATED']);

const toDay = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** What a refused 一并申请 lists (422 COMPLETION_NOT_ELIGIBLE: details.problems). */
function refusalProblems(error: unknown): string[] {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return [];
  const problems = (error.details as { problems?: unknown }).problems;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}

function draftValues(a: CompletionApplication | null): DraftValues {
  return {
    surveyReportNo: a?.surveyReportNo ?? null,
    surveyApprovedOn: a?.surveyApprovedOn ? dayjs(a.surveyApprovedOn) : null,
    flags: a ? COMPLETION_FLAGS.filter((f) => a[f]) : [],
    note: a?.note ?? null,
  };
}

function stepIndex(a: CompletionApplication | null): number {
  if (!a || a.status === 'draft' || a.status === 'withdrawn') return 0;
  if (a.status === 'applied') return 1;
  return 3;
}

function Progress({ application }: { application: CompletionApplication | null }) {
  return (
    <Steps
      size="small"
      current={stepIndex(application)}
      status={application?.status === 'issued' ? 'finish' : 'process'}
      responsive
      items={[
        { title: '预验与资格', content: '多测合一、五项条件' },
        { title: '一并申请', content: formatDate(application?.appliedOn) },
        { title: '联合验收 · 备案 · 首次登记', content: '同步办理' },
        { title: '同步发证', content: formatDate(application?.titleOn) },
      ]}
    />
  );
}

function DraftForm({ detail, projectId }: { detail: CompletionDetail; projectId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const save = useSaveCompletion(projectId);
  const apply = useApplyCompletion(projectId);
  const a = detail.application;
  const flags = Form.useWatch('flags', form) ?? draftValues(a).flags;
  const missing = COMPLETION_FLAGS.filter((f) => !flags.includes(f));

  const bodyOf = (v: DraftValues) => ({
    version: a?.version,
    surveyReportNo: v.surveyReportNo?.trim() || null,
    surveyApprovedOn: toDay(v.surveyApprovedOn),
    ...Object.fromEntries(COMPLETION_FLAGS.map((f) => [f, v.flags.includes(f)])),
    note: v.note?.trim() || null,
  });

  const onSave = async (andApply: boolean) => {
    const values = await form.validateFields();
    apply.reset();
    save.mutate(bodyOf(values) as Parameters<typeof save.mutate>[0], {
      onSuccess: (saved) => {
        if (!andApply) {
          message.success('已保存');
          return;
        }
        const version = saved.application?.version;
        if (version === undefined) return;
        apply.mutate(
          { version },
          { onSuccess: () => message.success('已一并申请联合验收、竣工验收备案和不动产首次登记') },
        );
      },
      onError: (e) => applyFieldErrors(form, e, DRAFT_FIELDS),
    });
  };

  const problems = refusalProblems(apply.error);
  return (
    <Card size="small" title="一并申请：联合验收 · 竣工验收备案 · 不动产首次登记">
      <Form<DraftValues>
        form={form}
        layout="vertical"
        disabled={!detail.canWrite}
        initialValues={draftValues(a)}
        style={{ maxWidth: 720 }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="surveyReportNo"
            label="多测合一测绘成果报告编号"
            style={{ flex: 1, minWidth: 220 }}
            extra="一次委托、成果共享的竣工测绘（规划核实、土地核验、房产测绘）"
          >
            <Input maxLength={50} placeholder="如：WJCH-2026-0123" />
          </Form.Item>
          <Form.Item name="surveyApprovedOn" label="测绘成果审定日期" style={{ flex: 1, minWidth: 180 }}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notAfterToday} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="flags"
          label="同日发证条件（五项均满足方可一并申请）"
          extra="承诺指标的履约情况不影响登记，在后评价中处理"
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {COMPLETION_FLAGS.map((f) => (
              <Checkbox key={f} value={f} data-testid={`flag-${f}`}>
                {COMPLETION_FLAG_LABELS[f]}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      <Flex vertical gap={8} style={{ maxWidth: 720 }}>
        {detail.canWrite && missing.length > 0 && (
          <Typography.Text type="secondary" data-testid="completion-missing">
            尚未满足：{missing.map((f) => COMPLETION_FLAG_LABELS[f]).join('、')}
          </Typography.Text>
        )}
        {problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title="暂不能一并申请"
            data-testid="completion-refusal"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <SubmitErrorAlert error={apply.error} />
        )}
        <SubmitErrorAlert error={save.error} />
        {detail.canWrite && (
          <Flex gap={8} wrap>
            <Button onClick={() => void onSave(false)} loading={save.isPending && !apply.isPending}>
              保存
            </Button>
            <Button type="primary" onClick={() => void onSave(true)} loading={apply.isPending}>
              一并申请
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function AppliedSummary({ application }: { application: CompletionApplication }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: 'appliedOn', label: '申请日期', children: formatDate(application.appliedOn) },
        { key: 'survey', label: '多测合一报告', children: application.surveyReportNo ?? '—' },
        { key: 'surveyOn', label: '测绘成果审定', children: formatDate(application.surveyApprovedOn) },
        {
          key: 'flags',
          label: '同日发证条件',
          span: 'filled',
          children: (
            <Flex gap={4} wrap>
              {COMPLETION_FLAGS.map((f) => (
                <Tag key={f} color={application[f] ? 'success' : 'default'}>
                  {application[f] ? '✓ ' : ''}
                  {COMPLETION_FLAG_LABELS[f]}
                </Tag>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}

function IssueForm({ detail, projectId }: { detail: CompletionDetail; projectId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const issue = useIssueCompletion(projectId);
  const application = detail.application as CompletionApplication;
  const needsCompletionDate = !detail.project.actualCompletionOn;
  const today = dayjs();
  return (
    <Card size="small" title="发证：三项结果同步发放">
      <Flex vertical gap={12} style={{ maxWidth: 720 }}>
        <AppliedSummary application={application} />
        {detail.canWrite ? (
          <Form<IssueValues>
            form={form}
            layout="vertical"
            initialValues={{ jointAcceptanceOn: today, filingOn: today, titleOn: today }}
            onFinish={(v) =>
              issue.mutate(
                {
                  version: application.version,
                  jointAcceptanceNo: v.jointAcceptanceNo.trim(),
                  jointAcceptanceOn: v.jointAcceptanceOn.format('YYYY-MM-DD'),
                  filingNo: v.filingNo.trim(),
                  filingOn: v.filingOn.format('YYYY-MM-DD'),
                  titleNo: v.titleNo.trim(),
                  titleOn: v.titleOn.format('YYYY-MM-DD'),
                  ...(v.actualCompletionOn
                    ? { actualCompletionOn: v.actualCompletionOn.format('YYYY-MM-DD') }
                    : {}),
                },
                {
                  onSuccess: (issued) => {
                    message.success('已发证，项目已竣工');
                    // Recorded, but the breach of the 15-day filing rule is said here, once.
                    for (const w of issued.warnings) message.warning(w, 8);
                  },
                  onError: (e) => applyFieldErrors(form, e, ISSUE_FIELDS),
                },
              )
            }
          >
            {(
              [
                ['jointAcceptanceNo', 'jointAcceptanceOn', '联合验收意见书编号', '联合验收日期'],
                ['filingNo', 'filingOn', '竣工验收备案表编号', '备案日期'],
                ['titleNo', 'titleOn', '不动产权证书编号', '发证日期'],
              ] as const
            ).map(([no, on, noLabel, onLabel]) => (
              <Flex key={no} gap={12} wrap>
                <Form.Item
                  name={no}
                  label={noLabel}
                  style={{ flex: 2, minWidth: 220 }}
                  rules={[{ required: true, whitespace: true, message: `请填写${noLabel}` }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item
                  name={on}
                  label={onLabel}
                  style={{ flex: 1, minWidth: 160 }}
                  rules={[{ required: true, message: `请选择${onLabel}` }]}
                >
                  <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notAfterToday} />
                </Form.Item>
              </Flex>
            ))}
            {needsCompletionDate && (
              <Form.Item
                name="actualCompletionOn"
                label="实际竣工日期"
                extra="项目尚未记录实际竣工日期；不填则取联合验收日期"
              >
                <DatePicker style={{ width: 200 }} inputReadOnly disabledDate={notAfterToday} />
              </Form.Item>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              竣工验收备案应在联合验收后 15 日内办理；发证后项目进入「已竣工」。
            </Typography.Paragraph>
            <SubmitErrorAlert error={issue.error} />
            <Button type="primary" htmlType="submit" loading={issue.isPending} style={{ marginTop: 8 }}>
              发证
            </Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">已一并申请，等待住建、不动产登记部门同步发证。</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function IssuedView({ detail }: { detail: CompletionDetail }) {
  const a = detail.application as CompletionApplication;
  return (
    <Card
      size="small"
      title="已同步发证"
      extra={
        <Flex gap={4}>
          <TitleDaysTag days={a.daysAcceptanceToTitle} />
          <Tag color="blue" data-testid="completion-project-state">
            项目{PROJECT_STATE_LABELS[detail.project.state as keyof typeof PROJECT_STATE_LABELS] ?? ''}
          </Tag>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {detail.warnings.map((w) => (
          <Alert key={w} type="warning" showIcon title={w} />
        ))}
        <Descriptions
          size="small"
          bordered
          column={1}
          data-testid="completion-outputs"
          items={[
            {
              key: 'joint',
              label: '联合验收意见书',
              children: `${a.jointAcceptanceNo ?? '—'}（${formatDate(a.jointAcceptanceOn)}）`,
            },
            {
              key: 'filing',
              label: '竣工验收备案表',
              children: `${a.filingNo ?? '—'}（${formatDate(a.filingOn)}）`,
            },
            {
              key: 'title',
              label: '不动产权证书',
              children: `${a.titleNo ?? '—'}（${formatDate(a.titleOn)}）`,
            },
            {
              key: 'completion',
              label: '实际竣工日期',
              children: formatDate(detail.project.actualCompletionOn),
            },
          ]}
        />
        <AppliedSummary application={a} />
      </Flex>
    </Card>
  );
}

/** The project's 竣工即发证 tab. */
export function ProjectCompletionTab({ project }: { project: Project }) {
  const detail = useCompletion(project.id);
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  const d = detail.data;
  const a = d.application;
  const open = !a || a.status === 'draft' || a.status === 'withdrawn';
  if (open && d.project.state !== 'STARTED') {
    const isPast = AFTER_COMPLETION.has(d.project.state);
    return (
      <Card size="small">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            isPast
              ? `项目已竣工（实际竣工日期 ${formatDate(d.project.actualCompletionOn)}），没有竣工即发证的一并申请记录。`
              : `项目当前为「${PROJECT_STATE_LABELS[project.state]}」。开工建设（在建）后，竣工前可在此一并申请联合验收、竣工验收备案和不动产首次登记，同步发证。`
          }
        />
      </Card>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>竣工即发证</Typography.Text>
            {a ? <CompletionStatusTag status={a.status} testId="completion-status" /> : <Tag>未申请</Tag>}
          </Flex>
          <Progress application={a} />
        </Flex>
      </Card>
      {open && <DraftForm detail={d} projectId={project.id} />}
      {a?.status === 'applied' && <IssueForm detail={d} projectId={project.id} />}
      {a?.status === 'issued' && <IssuedView detail={d} />}
    </Flex>
  );
}
