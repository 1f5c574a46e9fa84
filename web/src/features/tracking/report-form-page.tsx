import type { MonthlyReport, SaveMonthlyReportBody } from '@groundbreak/contract';
import { REPORT_KIND_LABELS, wanToYuan, yearToDate } from '@groundbreak/domain';
import type { FormInstance } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Skeleton,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { fieldErrorsOf } from '../../lib/form-errors';
import { formatDate, formatDateTime, yuanToWanText } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useUploadAttachment } from '../projects/attachments-api';
import { useMonthlyReport, useRefreshReports, useReportStep, useSaveMonthlyReport } from './api';
import { RaiseProblemModal } from './problem-parts';
import { ReportStatusTag } from './report-parts';

// 填报月报: one project's report for one month, on a phone as on a desktop — one column, money in 万元
// (converted to 元 exactly), 形象进度 and site photos for a started project, 前期 progress for one not started.
// The same page carries the workflow: 提交, 板块审核, 发改确认, 退回 with a reason.

type Values = {
  monthWan: number | null;
  sinceStartWan: number | null;
  equipmentWan: number | null;
  constructionWan: number | null;
  progressText: string | null;
  nodePercent: number | null;
  workThisMonth: string | null;
  workNextMonth: string | null;
  problemsText: string | null;
  inStatistics: boolean;
  workers: number | null;
  /** Only carries the photo rule's message; the photos themselves are kept beside the form. */
  photos?: never;
};

/** The server names money in 元, the form in 万元: where each refused field is shown. */
const FORM_FIELD: Record<string, keyof Values> = {
  monthYuan: 'monthWan',
  sinceStartYuan: 'sinceStartWan',
  equipmentYuan: 'equipmentWan',
  constructionYuan: 'constructionWan',
  progressText: 'progressText',
  nodePercent: 'nodePercent',
  photos: 'photos',
  photoIds: 'photos',
};

function showFieldErrors(form: FormInstance<Values>, error: unknown): void {
  const errors = fieldErrorsOf(error).flatMap(({ field, message }) => {
    const name = FORM_FIELD[field];
    return name ? [{ name, errors: [message] }] : [];
  });
  form.setFields(errors);
}

const toYuan = (wan: number | null | undefined) =>
  wan === null || wan === undefined ? null : wanToYuan(String(wan));
const toWan = (yuan: number | null) => (yuan === null ? null : yuan / 10_000);
const blank = (text: string | null | undefined) => text?.trim() || null;

function initialValues(r: MonthlyReport): Values {
  return {
    monthWan: toWan(r.monthYuan),
    sinceStartWan: toWan(r.sinceStartYuan),
    equipmentWan: toWan(r.equipmentYuan),
    constructionWan: toWan(r.constructionYuan),
    progressText: r.progressText,
    nodePercent: r.nodePercent,
    workThisMonth: r.workThisMonth,
    workNextMonth: r.workNextMonth,
    problemsText: r.problemsText,
    inStatistics: r.inStatistics ?? false,
    workers: r.workers,
  };
}

function ReportForm({ projectId, month }: { projectId: string; month: string }) {
  const { message } = App.useApp();
  const result = useMonthlyReport(projectId, month);
  const save = useSaveMonthlyReport(projectId, month);
  const step = useReportStep(projectId, month);
  const upload = useUploadAttachment(projectId);
  const reload = useConflictReload(useRefreshReports(), save.reset);
  const [form] = Form.useForm<Values>();
  const [photoIds, setPhotoIds] = useState<string[]>();
  const [returning, setReturning] = useState(false);
  const [raising, setRaising] = useState(false);
  const canRaise = useCan('report.write');
  const [reason, setReason] = useState('');
  const monthWan = Form.useWatch('monthWan', form);

  if (result.error) return <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <Skeleton active />;
  const { report, project, can } = result.data;
  const photos = photoIds ?? report.photos.map((p) => p.id);
  const construction = report.kind === 'construction';
  const thisMonthYuan = toYuan(monthWan);
  const ytdPreview = thisMonthYuan === null ? null : yearToDate(month, thisMonthYuan, report.previousYtdYuan);

  const bodyOf = (v: Values): SaveMonthlyReportBody => ({
    monthYuan: toYuan(v.monthWan),
    sinceStartYuan: toYuan(v.sinceStartWan),
    equipmentYuan: toYuan(v.equipmentWan),
    constructionYuan: toYuan(v.constructionWan),
    progressText: blank(v.progressText),
    planNodeKey: report.planNodeKey,
    nodePercent: v.nodePercent ?? null,
    workThisMonth: blank(v.workThisMonth),
    workNextMonth: blank(v.workNextMonth),
    problemsText: blank(v.problemsText),
    inStatistics: v.inStatistics,
    statisticsYuan: report.statisticsYuan,
    fundsInPlaceYuan: report.fundsInPlaceYuan,
    workers: v.workers ?? null,
    photoIds: photos,
    version: report.version,
  });

  /** Saves the draft; with `andSubmit`, submits the saved version right after. */
  const onSave = async (andSubmit: boolean) => {
    const values = await form.validateFields();
    save.mutate(bodyOf(values), {
      onSuccess: (saved) => {
        if (!andSubmit) {
          message.success('草稿已保存');
          return;
        }
        step.mutate(
          { step: 'submit', version: saved.report.version },
          {
            onSuccess: () => message.success('月报已提交，等待板块审核'),
            onError: (e) => showFieldErrors(form, e),
          },
        );
      },
      onError: (e) => showFieldErrors(form, e),
    });
  };
  const take = (name: 'review' | 'confirm', done: string) =>
    step.mutate({ step: name, version: report.version }, { onSuccess: () => message.success(done) });

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong>{project.name}</Typography.Text>
          <ReportStatusTag status={report.status} testId="report-status" />
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          style={{ marginTop: 8 }}
          items={[
            { key: 'kind', label: '报表', children: REPORT_KIND_LABELS[report.kind] },
            { key: 'due', label: '截止', children: formatDate(report.dueOn) },
            { key: 'total', label: '总投资', children: `${yuanToWanText(project.totalInvestment)} 万元` },
            {
              key: 'ytd',
              label: '自年初累计',
              children: (
                <span data-testid="report-ytd">
                  {yuanToWanText(ytdPreview ?? report.ytdYuan)} 万元
                  {report.previousYtdYuan !== null && (
                    <Typography.Text type="secondary">
                      （上月累计 {yuanToWanText(report.previousYtdYuan)}）
                    </Typography.Text>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
      {report.status === 'returned' && report.returnReason && (
        <Alert
          type="error"
          showIcon
          message={`已退回：${report.returnReason}`}
          data-testid="report-returned"
        />
      )}
      {report.warnings.map((w) => (
        <Alert key={w.field} type="warning" showIcon message={w.message} />
      ))}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!can.edit}
        initialValues={initialValues(report)}
        key={report.id ?? 'new'}
      >
        {construction && (
          <>
            <Form.Item
              name="monthWan"
              label="本月完成投资（万元）"
              rules={[{ required: true, message: '请填写本月完成投资（无投资填0）' }]}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
            <Form.Item name="sinceStartWan" label="自开工累计完成投资（万元）">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="equipmentWan" label="其中设备投资" style={{ flex: 1 }}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
              </Form.Item>
              <Form.Item name="constructionWan" label="其中建安投资" style={{ flex: 1 }}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
              </Form.Item>
            </Flex>
          </>
        )}
        <Form.Item
          name="progressText"
          label={construction ? '形象进度' : '本月前期工作进展'}
          rules={[{ required: true, message: construction ? '请填写形象进度' : '请填写本月前期工作进展' }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={construction ? '如：正在进行基础短柱浇筑' : '如：完成方案设计，启动环评'}
          />
        </Form.Item>
        {construction && (
          <Form.Item label={`现场照片（至少1张）`} name="photos" required>
            <Upload
              accept="image/jpeg,image/png"
              listType="text"
              showUploadList={false}
              disabled={!can.edit}
              customRequest={({ file, onSuccess, onError }) =>
                upload.mutate(
                  { kind: 'site_photo', file: file as File },
                  {
                    onSuccess: (res) => {
                      setPhotoIds([...photos, res.attachment.id]);
                      form.setFields([{ name: 'photos', errors: [] }]);
                      onSuccess?.(res);
                    },
                    onError: (e) => {
                      message.error(`上传失败：${describeError(e).message}`);
                      onError?.(e as Error);
                    },
                  },
                )
              }
            >
              <Button loading={upload.isPending}>拍照或选择照片</Button>
            </Upload>
            <List
              size="small"
              data-testid="report-photos"
              dataSource={photos.map(
                (id) =>
                  report.photos.find((p) => p.id === id) ?? {
                    id,
                    fileName: '新上传的照片',
                    uploadedAt: '',
                    uploadedByName: '',
                  },
              )}
              locale={{ emptyText: '尚未上传' }}
              renderItem={(p) => (
                <List.Item
                  actions={
                    can.edit
                      ? [
                          <Button
                            key="rm"
                            type="link"
                            size="small"
                            onClick={() => setPhotoIds(photos.filter((x) => x !== p.id))}
                          >
                            移除
                          </Button>,
                        ]
                      : []
                  }
                >
                  <a href={`/api/projects/${projectId}/attachments/${p.id}`} target="_blank" rel="noreferrer">
                    {p.fileName}
                  </a>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.uploadedAt
                      ? `${formatDateTime(p.uploadedAt)} ${p.uploadedByName}`
                      : '保存后记录上传时间'}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Form.Item>
        )}
        <Form.Item name="workThisMonth" label="当月主要工作">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="workNextMonth" label="下月工作计划">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="problemsText" label="存在问题及需协调事项">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {construction && (
          <Flex gap={12} wrap>
            <Form.Item name="workers" label="用工人数" style={{ flex: 1, minWidth: 120 }}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="nodePercent" label="当前节点完成（%）" style={{ flex: 1, minWidth: 120 }}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="inStatistics" label="已入统" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
        )}
      </Form>
      <SubmitErrorAlert error={save.error} {...reload} />
      <SubmitErrorAlert error={step.error} />
      <Flex gap={8} wrap>
        {can.edit && (
          <>
            <Button
              onClick={() => void onSave(false)}
              loading={save.isPending && !step.isPending}
              size="large"
            >
              保存草稿
            </Button>
            <Button type="primary" onClick={() => void onSave(true)} loading={step.isPending} size="large">
              提交
            </Button>
          </>
        )}
        {can.review && (
          <Button type="primary" size="large" onClick={() => take('review', '已审核，报区发改确认')}>
            审核通过
          </Button>
        )}
        {can.confirm && (
          <Button type="primary" size="large" onClick={() => take('confirm', '已确认，月报锁定')}>
            确认
          </Button>
        )}
        {can.return && (
          <Button danger size="large" onClick={() => setReturning(true)}>
            退回
          </Button>
        )}
        {canRaise && report.id && (
          <Button size="large" onClick={() => setRaising(true)}>
            提出问题
          </Button>
        )}
      </Flex>
      <RaiseProblemModal
        open={raising}
        defaults={{
          projectId,
          projectName: project.name,
          source: 'report',
          sourceRef: month,
          description: report.problemsText ?? '',
        }}
        onClose={() => setRaising(false)}
      />
      <Modal
        open={returning}
        title="退回月报"
        okText="退回"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: step.isPending }}
        onCancel={() => setReturning(false)}
        onOk={() =>
          step.mutate(
            { step: 'return', reason: reason.trim(), version: report.version },
            {
              onSuccess: () => {
                message.success('已退回填报单位');
                setReturning(false);
                setReason('');
              },
            },
          )
        }
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="退回原因（填报单位将看到）"
          aria-label="退回原因"
        />
      </Modal>
    </Flex>
  );
}

export function ReportFormPage() {
  const { id = '', month = '' } = useParams();
  return (
    <PageContainer
      title={`${month} 月报`}
      description="已开工项目填报建设进度并上传现场照片；未开工项目填报前期工作进展"
    >
      <ReportForm projectId={id} month={month} />
    </PageContainer>
  );
}
