import { CheckCircleFilled, DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Attachment, Project } from '@groundbreak/contract';
import { ATTACHMENT_KIND_LABELS, ATTACHMENT_KINDS, PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { AttachmentKind } from '@groundbreak/domain';
import type { TableProps } from 'antd';
import { App, Button, Card, Empty, Flex, Popconfirm, Select, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { describeError } from '../../lib/describe-error';
import { formatDateTime, formatFileSize } from '../../lib/format';
import { isApiError } from '../../lib/http';
import { attachmentUrl, useDeleteAttachment, useUploadAttachment } from './attachments-api';
import { BUTTON_LOADING } from './button-loading';
import { needsFor, upcomingStates } from './next-step';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd';
const ALLOWED_TYPES_TEXT = 'PDF、JPG、PNG、Word、Excel、OFD';

function uploadErrorMessage(error: unknown): string {
  const { message } = describeError(error);
  if (isApiError(error) && error.status === 413) return `文件太大，未上传：${message}`;
  if (isApiError(error) && error.status === 415) {
    return `文件类型不允许，未上传：${message}。系统按文件内容检查，只接受 ${ALLOWED_TYPES_TEXT}`;
  }
  return `上传失败：${message}`;
}

interface KindUploadProps {
  projectId: string;
  kind: AttachmentKind;
  label: string;
  isPrimary?: boolean;
}

/** One upload button for one kind of document; the file goes up as soon as it is chosen. */
function KindUpload({ projectId, kind, label, isPrimary = false }: KindUploadProps) {
  const { message } = App.useApp();
  const upload = useUploadAttachment(projectId);
  return (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      customRequest={({ file, onSuccess, onError }) => {
        upload.mutateAsync({ kind, file: file as File }).then(
          (result) => {
            message.success(`已上传${ATTACHMENT_KIND_LABELS[kind]}：${result.attachment.fileName}`);
            onSuccess?.(result);
          },
          (error: unknown) => {
            message.error(uploadErrorMessage(error));
            onError?.(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }}
    >
      <Button
        type={isPrimary ? 'primary' : 'default'}
        icon={<UploadOutlined />}
        loading={upload.isPending && BUTTON_LOADING}
      >
        {label}
      </Button>
    </Upload>
  );
}

/** 推进所需材料: the documents the next gate reads, uploaded or not, each with its own upload button. */
function NeededDocuments({ project, attachments }: { project: Project; attachments: readonly Attachment[] }) {
  const needs = upcomingStates(project)
    .map((to) => needsFor(project, to, attachments))
    .filter((need) => need.attachments.length > 0);
  if (needs.length === 0) return null;
  return (
    <Card size="small" variant="borderless" title="推进所需材料">
      <Flex vertical gap={12}>
        {needs.map((need) => (
          <Flex key={need.to} vertical gap={8}>
            <Typography.Text type="secondary">进入「{PROJECT_STATE_LABELS[need.to]}」需要：</Typography.Text>
            {need.attachments.map(({ kind, isUploaded }) => (
              <Flex key={kind} align="center" gap={12} wrap>
                <span style={{ minWidth: 180 }}>{ATTACHMENT_KIND_LABELS[kind]}</span>
                {isUploaded ? (
                  <Tag color="success" icon={<CheckCircleFilled />}>
                    已上传
                  </Tag>
                ) : (
                  <Tag color="warning">未上传</Tag>
                )}
                {project.abilities.upload && (
                  <KindUpload
                    projectId={project.id}
                    kind={kind}
                    label={`上传${ATTACHMENT_KIND_LABELS[kind]}`}
                    isPrimary={!isUploaded}
                  />
                )}
              </Flex>
            ))}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

interface AttachmentsTabProps {
  project: Project;
  attachments: Attachment[] | undefined;
  error: unknown;
  isPending: boolean;
  onRetry: () => void;
}

/** 附件: typed documents of the project — what the next gate needs, upload by kind, the list. */
export function AttachmentsTab({ project, attachments, error, isPending, onRetry }: AttachmentsTabProps) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<AttachmentKind>('other');
  const deleteAttachment = useDeleteAttachment(project.id);

  const columns: TableProps<Attachment>['columns'] = [
    {
      key: 'kind',
      title: '类型',
      render: (_, item) => <Tag variant="filled">{ATTACHMENT_KIND_LABELS[item.kind]}</Tag>,
    },
    {
      key: 'fileName',
      title: '文件名',
      render: (_, item) => (
        <a href={attachmentUrl(project.id, item.id)} download={item.fileName}>
          {item.fileName}
        </a>
      ),
    },
    { key: 'size', title: '大小', align: 'right', render: (_, item) => formatFileSize(item.sizeBytes) },
    { key: 'uploader', title: '上传人', render: (_, item) => item.uploadedByName },
    {
      key: 'uploadedAt',
      title: '上传时间',
      render: (_, item) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.uploadedAt)}</span>,
    },
    {
      key: 'sha256',
      title: 'SHA-256',
      render: (_, item) => (
        <Typography.Text
          code
          copyable={{ text: item.sha256, tooltips: ['复制完整校验值', '已复制'] }}
          style={{ fontSize: 12 }}
        >
          {item.sha256.slice(0, 12)}…
        </Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: '操作',
      render: (_, item) => (
        <Flex gap={4}>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            href={attachmentUrl(project.id, item.id)}
            aria-label={`下载 ${item.fileName}`}
          >
            下载
          </Button>
          {project.abilities.upload && (
            <Popconfirm
              title={`删除附件「${item.fileName}」？`}
              description="删除后可在变更记录中查到"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                deleteAttachment.mutateAsync(item.id).then(
                  () => message.success('附件已删除'),
                  (failure: unknown) => message.error(describeError(failure).message),
                )
              }
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <NeededDocuments project={project} attachments={attachments ?? []} />
      <Card
        size="small"
        variant="borderless"
        title="全部附件"
        extra={
          project.abilities.upload && (
            <Flex gap={8} align="center">
              <Select<AttachmentKind>
                value={kind}
                onChange={setKind}
                aria-label="附件类型"
                style={{ width: 220 }}
                options={ATTACHMENT_KINDS.map((value) => ({ value, label: ATTACHMENT_KIND_LABELS[value] }))}
              />
              <KindUpload projectId={project.id} kind={kind} label="上传附件" />
            </Flex>
          )
        }
      >
        <Flex vertical gap={8}>
          {error ? <ErrorAlert error={error} onRetry={onRetry} /> : null}
          <Table<Attachment>
            rowKey="id"
            size="middle"
            loading={isPending}
            columns={columns}
            dataSource={attachments ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={`暂无附件。支持 ${ALLOWED_TYPES_TEXT}，选择类型后点击"上传附件"`}
                />
              ),
            }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
