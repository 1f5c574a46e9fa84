import { CameraOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import type { TaskResponse } from '@groundbreak/contract';
import { App, Button, Card, Empty, Flex, Image, Popconfirm, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { formatDateTime } from '../../lib/format';
import { type PhotoKind, photoUrl, useDeletePhoto, useUploadPhoto } from './api';

// 整改前照片 / 整改后照片: thumbnails that open full size, taken with the phone's camera or picked from its
// album, removable while the task is not yet submitted or accepted.

const TITLES: Record<PhotoKind, string> = { before: '整改前照片', after: '整改后照片' };
/** What the server keeps (it checks the bytes again). */
const TYPES = ['image/jpeg', 'image/png'];
const THUMB = 104;

/** A touch screen (a phone or a tablet): offer the camera itself beside the album. */
function isTouchDevice(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches === true;
}

function PhotoUpload({
  taskId,
  kind,
  capture,
  onBusy,
  children,
}: {
  taskId: string;
  kind: PhotoKind;
  capture?: boolean;
  onBusy: (delta: number) => void;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const upload = useUploadPhoto(taskId);
  return (
    <Upload
      accept="image/*"
      multiple={!capture}
      capture={capture ? 'environment' : undefined}
      showUploadList={false}
      data-testid={capture ? `upload-${kind}-camera` : `upload-${kind}`}
      style={{ display: 'block' }}
      beforeUpload={(file) => {
        // An iPhone's HEIC, a WebP or a GIF is refused here, before the wait of an upload.
        if (file.type && !TYPES.includes(file.type)) {
          void message.error(`「${file.name}」不是 JPG 或 PNG 格式的照片`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        onBusy(1);
        upload
          .mutateAsync({ kind, file: file as File })
          .then((res) => {
            void message.success(`已上传${TITLES[kind]}`);
            onSuccess?.(res);
          })
          .catch((e: unknown) => {
            void message.error(`上传失败：${describeError(e).message}`);
            onError?.(e as Error);
          })
          .finally(() => onBusy(-1));
      }}
    >
      {children}
    </Upload>
  );
}

export function PhotoSection({
  detail,
  kind,
  canUpload,
  canRemove,
  isPhone,
  hint,
}: {
  detail: TaskResponse;
  kind: PhotoKind;
  canUpload: boolean;
  canRemove: boolean;
  isPhone: boolean;
  hint?: string | undefined;
}) {
  const { message } = App.useApp();
  const taskId = detail.task.id;
  const remove = useDeletePhoto(taskId);
  const [busy, setBusy] = useState(0);
  const photos = detail.photos.filter((p) => p.kind === kind);
  const onBusy = (delta: number) => setBusy((n) => n + delta);
  const touch = isTouchDevice();
  return (
    <Card size="small" title={`${TITLES[kind]}（${photos.length}）`} data-testid={`photos-${kind}`}>
      <Flex vertical gap={12}>
        {photos.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={canUpload ? `尚未上传${TITLES[kind]}` : `无${TITLES[kind]}`}
            style={{ margin: 0 }}
          />
        ) : (
          <Image.PreviewGroup>
            <Flex wrap gap={8}>
              {photos.map((p) => (
                <Flex key={p.id} vertical gap={2} style={{ width: THUMB }} data-testid="task-photo">
                  <Image
                    src={photoUrl(taskId, p.id)}
                    alt={p.fileName}
                    width={THUMB}
                    height={THUMB}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                  />
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 11, lineHeight: 1.3 }}
                    ellipsis={{ tooltip: `${p.fileName} · ${p.uploadedByName}` }}
                  >
                    {formatDateTime(p.uploadedAt).slice(0, 16)}
                  </Typography.Text>
                  {canRemove && (
                    <Popconfirm
                      title="删除这张照片？"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() =>
                        remove.mutateAsync(p.id).then(
                          () => void message.success('照片已删除'),
                          (e: unknown) => void message.error(`删除失败：${describeError(e).message}`),
                        )
                      }
                    >
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除${p.fileName}`}
                        style={{ alignSelf: 'flex-start', paddingInline: 0 }}
                      >
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
        {canUpload && (
          <Flex gap={8} vertical={isPhone} wrap>
            {touch && (
              <PhotoUpload taskId={taskId} kind={kind} capture onBusy={onBusy}>
                <Button
                  icon={<CameraOutlined />}
                  size={isPhone ? 'large' : 'middle'}
                  block={isPhone}
                  loading={busy > 0}
                >
                  拍照
                </Button>
              </PhotoUpload>
            )}
            <PhotoUpload taskId={taskId} kind={kind} onBusy={onBusy}>
              <Button
                icon={touch ? <PictureOutlined /> : <CameraOutlined />}
                size={isPhone ? 'large' : 'middle'}
                block={isPhone}
                loading={busy > 0}
              >
                {touch ? '从相册选择' : `上传${TITLES[kind]}`}
              </Button>
            </PhotoUpload>
          </Flex>
        )}
        {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
      </Flex>
    </Card>
  );
}
