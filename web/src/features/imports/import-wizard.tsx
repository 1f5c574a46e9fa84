import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportJob, ImportRow, ImportRowAction } from '@groundbreak/contract';
import { IMPORT_JOB_STATUS_LABELS, IMPORT_ROW_ACTION_LABELS } from '@groundbreak/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Progress,
  Result,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { describeError } from '../../lib/describe-error';
import { formatDateTime, formatFileSize, formatNumber } from '../../lib/format';
import { useImportAction, useImportJob, useImportList, useImportRows, useUploadSheet } from './api';

// The import wizard every sheet import shares: 上传 → 核对预览 → 完成. The preview lists, row by row, what
// would be created or updated and every error by sheet/row/column; nothing is written until 确认导入, and
// then every row is written or none. The job id sits in the URL, so that a long import can be left and
// found again under 最近导入.

export type ImportWizardProps = {
  /** API base of the import routes, e.g. /api/projects/imports. */
  base: string;
  /** What a row is ("项目"). */
  noun: string;
  templateHref: string;
  /** Query keys to refresh once rows are written (the module's lists). */
  invalidates: readonly unknown[];
  /** Where the written rows are seen, e.g. the project list. */
  done: { label: string; onClick: () => void };
};

const ACTION_COLORS: Record<ImportRowAction, string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  error: 'red',
};
const STATUS_COLORS: Record<ImportJob['status'], string> = {
  reading: 'processing',
  previewed: 'gold',
  committing: 'processing',
  committed: 'green',
  failed: 'red',
  cancelled: 'default',
};

export function ImportWizard(props: ImportWizardProps) {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const openJob = (id: string | undefined) => setParams(id ? { job: id } : {}, { replace: false });
  const job = useImportJob(props.base, jobId);

  const status = job.data?.status;
  const queryClient = useQueryClient();
  const { invalidates } = props;
  // Rows were written in the background: the module's lists are stale from the moment the job says so.
  useEffect(() => {
    if (status === 'committed') void queryClient.invalidateQueries({ queryKey: invalidates });
  }, [status, queryClient, invalidates]);

  const step = !jobId ? 0 : status === 'committed' ? 2 : 1;
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Steps
          size="small"
          current={step}
          items={[{ title: '上传表格' }, { title: '核对预览' }, { title: '完成导入' }]}
        />
      </Card>
      {!jobId && <UploadStep {...props} onUploaded={openJob} />}
      {jobId && job.isPending && <Skeleton active />}
      {jobId && job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
      {job.data && (
        <JobView key={job.data.id} {...props} job={job.data} onRestart={() => openJob(undefined)} />
      )}
      <RecentImports base={props.base} current={jobId} onOpen={openJob} />
    </Flex>
  );
}

function UploadStep({
  base,
  noun,
  templateHref,
  invalidates,
  onUploaded,
}: ImportWizardProps & {
  onUploaded: (id: string) => void;
}) {
  const { message } = App.useApp();
  const upload = useUploadSheet(base, invalidates);
  return (
    <Card
      title={`上传${noun}表格`}
      extra={
        <Button icon={<DownloadOutlined />} href={templateHref}>
          下载导入模板
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          可直接上传平时报送的汇总表：标题行、合并的两行表头、“总投资（亿元）”等单位写在表头里的列、
          “2025.3”“2025年3月1日”等日期写法、空行与合计行都能识别；多个工作表会一并读取。系统不认识的列会在预览中列出，
          不会悄悄丢掉。空白单元格表示不修改原值。上传后先生成预览，确认前不写入任何数据。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (data) => {
                onSuccess?.(data);
                onUploaded(data.job.id);
              },
              onError: (error) => {
                onError?.(error as Error);
                void message.error(describeError(error).message);
              },
            });
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {upload.isPending ? '正在上传…' : '点击或拖入 Excel 文件（.xlsx）'}
          </p>
          <p className="ant-upload-hint">单个文件不超过 20 MB；.xls 请先在 Excel 中另存为 .xlsx</p>
        </Upload.Dragger>
      </Flex>
    </Card>
  );
}

function JobView({
  base,
  noun,
  invalidates,
  done,
  job,
  onRestart,
}: ImportWizardProps & {
  job: ImportJob;
  onRestart: () => void;
}) {
  const { message } = App.useApp();
  const commit = useImportAction(base, 'commit', invalidates);
  const cancel = useImportAction(base, 'cancel', invalidates);
  const counts = job.summary?.counts;

  if (job.status === 'reading' || job.status === 'committing') {
    const { done: rowsDone, total } = job.progress;
    const percent = total > 0 ? Math.floor((rowsDone / total) * 100) : 0;
    return (
      <Card title={job.status === 'reading' ? '正在读取并核对表格' : '正在写入'}>
        <Flex vertical gap={8}>
          <Progress percent={percent} status="active" aria-label="导入进度" />
          <Typography.Text type="secondary">
            {total > 0
              ? `${job.status === 'reading' ? '已核对' : '已写入'} ${formatNumber(rowsDone, 0)} / ${formatNumber(total, 0)} 行。`
              : '正在打开工作簿…'}
            可以离开本页，稍后在下方“最近导入”中查看结果；其他用户不受影响。
          </Typography.Text>
        </Flex>
      </Card>
    );
  }
  if (job.status === 'failed' || job.status === 'cancelled') {
    return (
      <Card>
        <Result
          status={job.status === 'failed' ? 'error' : 'info'}
          title={job.status === 'failed' ? '导入未完成' : '已放弃这次导入'}
          subTitle={job.message ?? '没有写入任何数据'}
          extra={
            <Button type="primary" onClick={onRestart}>
              重新上传
            </Button>
          }
        />
      </Card>
    );
  }
  if (job.status === 'committed') {
    return (
      <Card>
        <Result
          status="success"
          title="导入完成"
          subTitle={`新增 ${job.summary?.committed?.created ?? 0} 个${noun}，更新 ${job.summary?.committed?.updated ?? 0} 个${noun}（${job.fileName}，${formatDateTime(job.committedAt)}）`}
          extra={[
            <Button key="done" type="primary" onClick={done.onClick}>
              {done.label}
            </Button>,
            <Button key="again" onClick={onRestart}>
              继续导入
            </Button>,
          ]}
        />
      </Card>
    );
  }
  const writable = (counts?.create ?? 0) + (counts?.update ?? 0);
  const blocked = (counts?.error ?? 0) > 0 || writable === 0;
  return (
    <Flex vertical gap={16}>
      <Card
        title={`预览：${job.fileName}`}
        extra={
          <Flex gap={8}>
            <Button
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(job.id, {
                  onSuccess: onRestart,
                  onError: (error) => void message.error(describeError(error).message),
                })
              }
            >
              重新上传
            </Button>
            <Popconfirm
              title="确认导入"
              description={`将新增 ${counts?.create ?? 0} 个、更新 ${counts?.update ?? 0} 个${noun}；全部成功，或一条也不写入。`}
              okText="导入"
              cancelText="取消"
              disabled={blocked}
              onConfirm={() =>
                commit.mutate(job.id, {
                  onError: (error) => void message.error(describeError(error).message),
                })
              }
            >
              <Button type="primary" disabled={blocked} loading={commit.isPending}>
                确认导入
              </Button>
            </Popconfirm>
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          <Row gutter={16}>
            {(['create', 'update', 'unchanged', 'error'] as const).map((action) => (
              <Col key={action} xs={12} md={6}>
                <Statistic
                  title={IMPORT_ROW_ACTION_LABELS[action]}
                  value={counts?.[action] ?? 0}
                  suffix="行"
                  styles={
                    action === 'error' && (counts?.error ?? 0) > 0 ? { content: { color: '#f5222d' } } : {}
                  }
                />
              </Col>
            ))}
          </Row>
          <PreviewNotices job={job} noun={noun} />
        </Flex>
      </Card>
      <PreviewRows base={base} job={job} />
    </Flex>
  );
}

function PreviewNotices({ job, noun }: { job: ImportJob; noun: string }) {
  const summary = job.summary;
  if (!summary) return null;
  const notices: ReactNode[] = [];
  if (summary.counts.error > 0) {
    notices.push(
      <Alert
        key="errors"
        type="error"
        showIcon
        title={`有 ${summary.counts.error} 行存在错误，不能导入`}
        description="请按下表“有错误”中列出的工作表、行号和列，在 Excel 中改正后重新上传。导入要么全部成功，要么一条也不写入。"
      />,
    );
  } else if (summary.counts.create + summary.counts.update === 0) {
    notices.push(
      <Alert
        key="same"
        type="success"
        showIcon
        title="表格与系统中的数据一致，没有需要导入的变化"
        description={
          summary.sameAs
            ? `同一文件已于 ${formatDateTime(summary.sameAs.committedAt)} 导入过；再次导入不会产生任何变化。`
            : undefined
        }
      />,
    );
  } else if (summary.sameAs) {
    notices.push(
      <Alert
        key="sameAs"
        type="info"
        showIcon
        title={`同一文件已于 ${formatDateTime(summary.sameAs.committedAt)} 导入过`}
        description={`上次导入新建的${noun}已按行对应，不会重复新建；下表只列出之后在系统中被改动的内容。`}
      />,
    );
  }
  if (summary.ignored.length > 0) {
    notices.push(
      <Alert
        key="ignored"
        type="warning"
        showIcon
        title="以下列系统不识别，未导入"
        description={summary.ignored.map((s) => `工作表“${s.sheet}”：${s.headers.join('、')}`).join('；')}
      />,
    );
  }
  const skipped: string[] = [];
  if (summary.sheetsWithoutHeader.length > 0) {
    skipped.push(`未找到表头的工作表：${summary.sheetsWithoutHeader.join('、')}（已跳过）`);
  }
  if (summary.skipped.blank + summary.skipped.summary > 0) {
    skipped.push(`跳过空行 ${summary.skipped.blank} 行、合计/小计行 ${summary.skipped.summary} 行`);
  }
  notices.push(
    <Alert
      key="read"
      type="info"
      title="读取情况"
      description={
        <Flex vertical gap={2}>
          {summary.sheets.map((s) => (
            <Typography.Paragraph
              key={s.sheet}
              style={{ margin: 0, fontSize: 13 }}
              ellipsis={{
                rows: 1,
                expandable: 'collapsible',
                symbol: (open) => (open ? '收起' : '展开各列'),
              }}
            >
              {`工作表“${s.sheet}”第 ${s.headerRow} 行为表头，识别 ${s.columns.length} 列：${s.columns
                .map((c) => `${c.letter} ${c.header}${c.header === c.label ? '' : ` → ${c.label}`}`)
                .join('、')}`}
            </Typography.Paragraph>
          ))}
          {skipped.map((line) => (
            <Typography.Text key={line} style={{ fontSize: 13 }}>
              {line}
            </Typography.Text>
          ))}
        </Flex>
      }
    />,
  );
  return (
    <Flex vertical gap={8}>
      {notices}
    </Flex>
  );
}

function RowDetail({ row }: { row: ImportRow }) {
  return (
    <Flex vertical gap={2}>
      {row.errors.map((e) => (
        <Typography.Text key={`${e.column}-${e.message}`} type="danger">
          {e.column ? `${e.column} 列` : ''}
          {e.header ? `（${e.header}）` : ''}：{e.message}
        </Typography.Text>
      ))}
      {row.warnings.map((w) => (
        <Typography.Text key={w} type="warning">
          {w}
        </Typography.Text>
      ))}
      {row.action === 'create' && (
        <Flex wrap gap="2px 16px">
          {row.changes.map((c) => (
            <Typography.Text key={c.field}>
              <Typography.Text type="secondary">{c.label}：</Typography.Text>
              {c.after}
            </Typography.Text>
          ))}
        </Flex>
      )}
      {row.action === 'update' &&
        row.changes.map((c) => (
          <Typography.Text key={c.field}>
            <Typography.Text type="secondary">{c.label}：</Typography.Text>
            <Typography.Text delete type="secondary">
              {c.before || '（空）'}
            </Typography.Text>{' '}
            → {c.after || '（空）'}
          </Typography.Text>
        ))}
      {row.action === 'unchanged' && <Typography.Text type="secondary">与系统一致</Typography.Text>}
    </Flex>
  );
}

function PreviewRows({ base, job }: { base: string; job: ImportJob }) {
  const counts = job.summary?.counts;
  const initial: ImportRowAction | undefined = counts && counts.error > 0 ? 'error' : undefined;
  const [action, setAction] = useState<ImportRowAction | undefined>(initial);
  const [page, setPage] = useState(1);
  const rows = useImportRows(base, job, action, page);
  const options = [
    { value: 'all', label: `全部 ${Object.values(counts ?? {}).reduce((a, b) => a + b, 0)}` },
    ...(['error', 'create', 'update', 'unchanged'] as const).map((a) => ({
      value: a,
      label: `${IMPORT_ROW_ACTION_LABELS[a]} ${counts?.[a] ?? 0}`,
    })),
  ];
  return (
    <Card
      title="逐行预览"
      extra={
        <Segmented
          value={action ?? 'all'}
          options={options}
          onChange={(value) => {
            setAction(value === 'all' ? undefined : (value as ImportRowAction));
            setPage(1);
          }}
        />
      }
    >
      {rows.isError && <ErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />}
      <Table<ImportRow>
        size="small"
        rowKey="seq"
        loading={rows.isFetching}
        dataSource={rows.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: rows.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 行`,
          onChange: setPage,
        }}
        columns={[
          {
            key: 'where',
            title: '位置',
            width: 180,
            render: (_v, row) => `${row.sheet} 第 ${row.rowNumber} 行`,
          },
          {
            key: 'action',
            title: '结果',
            width: 90,
            render: (_v, row) => (
              <Tag color={ACTION_COLORS[row.action]}>{IMPORT_ROW_ACTION_LABELS[row.action]}</Tag>
            ),
          },
          { key: 'label', title: '项目', width: 280, render: (_v, row) => row.label },
          { key: 'detail', title: '内容', render: (_v, row) => <RowDetail row={row} /> },
        ]}
      />
    </Card>
  );
}

function RecentImports({
  base,
  current,
  onOpen,
}: {
  base: string;
  current: string | undefined;
  onOpen: (id: string) => void;
}) {
  const [page, setPage] = useState(1);
  const list = useImportList(base, page);
  if (!list.data || list.data.total === 0) return null;
  return (
    <Card title="最近导入" size="small">
      <Table<ImportJob>
        size="small"
        rowKey="id"
        dataSource={list.data.items}
        rowClassName={(job) => (job.id === current ? 'ant-table-row-selected' : '')}
        onRow={(job) => ({ onClick: () => onOpen(job.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data.total,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 条`,
          onChange: setPage,
        }}
        columns={[
          { key: 'file', title: '文件', render: (_v, job) => job.fileName },
          { key: 'size', title: '大小', width: 90, render: (_v, job) => formatFileSize(job.sizeBytes) },
          { key: 'at', title: '上传时间', width: 170, render: (_v, job) => formatDateTime(job.createdAt) },
          {
            key: 'status',
            title: '状态',
            width: 90,
            render: (_v, job) => (
              <Tag color={STATUS_COLORS[job.status]}>{IMPORT_JOB_STATUS_LABELS[job.status]}</Tag>
            ),
          },
          {
            key: 'counts',
            title: '新增 / 更新 / 无变化 / 错误',
            width: 200,
            render: (_v, job) => {
              const c = job.summary?.counts;
              return c ? `${c.create} / ${c.update} / ${c.unchanged} / ${c.error}` : '—';
            },
          },
        ]}
      />
    </Card>
  );
}
