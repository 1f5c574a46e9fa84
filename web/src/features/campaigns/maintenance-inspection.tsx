import {
  CameraOutlined,
  CheckOutlined,
  CloseOutlined,
  DeleteOutlined,
  PictureOutlined,
} from '@ant-design/icons';
import type { MaintenancePointResponse } from '@groundbreak/contract';
import { inspectionOutcome } from '@groundbreak/domain';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Result,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { inspectionPhotoUrl, useRecordInspection, useUploadInspectionPhoto } from './maintenance-api';

// 填写巡查, made for the inspector's phone on site (ui.md "Small screens"): one checklist item per row with large
// 合格 / 不合格 buttons (none preselected: every item must be looked at), a note for a failed item, the score
// against the pass mark, the day, photos from the camera. The answer says what the inspection did: passed, a
// rebound with its new 整改单, or the 复查 that closed the open one.

type Verdict = 'pass' | 'fail';
type Values = {
  results: { verdict?: Verdict; note?: string }[];
  score?: number | null;
  inspectedOn: Dayjs;
  note?: string;
};
type Photo = { id: string; fileName: string };
/** What the server keeps (it checks the bytes again). */
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** A touch screen: offer the album beside the camera. */
function isTouchDevice(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches === true;
}

/**
 * 合格 / 不合格 for one checklist item: two large buttons acting as a radio pair (an antd Radio.Button hides its
 * input, which a screen reader or a test then cannot reach by the item's label).
 */
function VerdictToggle({
  id,
  item,
  isPhone,
  value,
  onChange,
}: {
  /** From Form.Item: lets 提交 scroll to the first item left unanswered. */
  id?: string;
  item: string;
  isPhone: boolean;
  value?: Verdict;
  onChange?: (value: Verdict) => void;
}) {
  const options = [
    { verdict: 'pass', label: '合格', color: 'green', icon: <CheckOutlined /> },
    { verdict: 'fail', label: '不合格', color: 'danger', icon: <CloseOutlined /> },
  ] as const;
  return (
    <Flex id={id} role="radiogroup" aria-label={item} gap={8} style={{ width: isPhone ? '100%' : 280 }}>
      {options.map((o) => {
        const isChosen = value === o.verdict;
        return (
          <Button
            key={o.verdict}
            role="radio"
            aria-checked={isChosen}
            aria-label={`${item} ${o.label}`}
            size="large"
            color={isChosen ? o.color : 'default'}
            variant={isChosen ? 'solid' : 'outlined'}
            icon={isChosen ? o.icon : undefined}
            style={{ flex: 1, height: 44 }}
            onClick={() => onChange?.(o.verdict)}
          >
            {o.label}
          </Button>
        );
      })}
    </Flex>
  );
}

function PhotoPicker({
  pointId,
  photos,
  onAdd,
  onRemove,
  onBusy,
  isPhone,
}: {
  pointId: string;
  photos: Photo[];
  onAdd: (photo: Photo) => void;
  onRemove: (id: string) => void;
  onBusy: (delta: number) => void;
  isPhone: boolean;
}) {
  const { message } = App.useApp();
  const upload = useUploadInspectionPhoto(pointId);
  const [busy, setBusy] = useState(0);
  const touch = isTouchDevice();
  const track = (delta: number) => {
    setBusy((n) => n + delta);
    onBusy(delta);
  };
  const picker = (camera: boolean, children: ReactNode) => (
    <Upload
      accept="image/*"
      capture={camera ? 'environment' : undefined}
      multiple={!camera}
      showUploadList={false}
      data-testid={camera ? 'upload-inspection' : 'upload-inspection-album'}
      style={{ display: 'block' }}
      beforeUpload={(file) => {
        // An iPhone's HEIC, a WebP or a GIF is refused before the wait of an upload.
        if (file.type && !PHOTO_TYPES.includes(file.type)) {
          void message.error(`「${file.name}」不是 JPG 或 PNG 格式的照片`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        track(1);
        upload
          .mutateAsync(file as File)
          .then((res) => {
            onAdd({ id: res.id, fileName: res.fileName });
            onSuccess?.(res);
          })
          .catch((e: unknown) => {
            void message.error(`上传失败：${describeError(e).message}`);
            onError?.(e as Error);
          })
          .finally(() => track(-1));
      }}
    >
      {children}
    </Upload>
  );
  const size = isPhone ? 'large' : 'middle';
  return (
    <Flex vertical gap={8}>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.map((p) => (
              <Flex key={p.id} vertical align="center" data-testid="inspection-photo">
                <Image
                  src={inspectionPhotoUrl(pointId, p.id)}
                  alt={p.fileName}
                  width={88}
                  height={88}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`移除${p.fileName}`}
                  onClick={() => onRemove(p.id)}
                >
                  移除
                </Button>
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      <Flex gap={8} vertical={isPhone}>
        {picker(
          true,
          <Button icon={<CameraOutlined />} size={size} block={isPhone} loading={busy > 0}>
            {touch ? '拍照' : '上传照片'}
          </Button>,
        )}
        {touch &&
          picker(
            false,
            <Button icon={<PictureOutlined />} size={size} block={isPhone} loading={busy > 0}>
              从相册选择
            </Button>,
          )}
      </Flex>
    </Flex>
  );
}

/** An order number kept on one line (ZG-2026-0002 broke at its hyphen on a phone). */
const orderNo = (no: string) => <span style={{ whiteSpace: 'nowrap' }}>{no}</span>;

/** What the recorded inspection did, from the point before and after it. */
function InspectionResult({
  before,
  after,
  onDone,
}: {
  before: MaintenancePointResponse;
  after: MaintenancePointResponse;
  onDone: () => void;
}) {
  const known = new Set(before.inspections.map((i) => i.id));
  const inspection = after.inspections.find((i) => !known.has(i.id));
  const reinspected = before.point.openOrder;
  const opened = after.point.openOrder;
  const passed = inspection?.passed ?? false;
  let status: 'success' | 'error' | 'warning' = passed ? 'success' : 'error';
  let title: ReactNode;
  let detail: ReactNode = inspection?.explanation;
  if (reinspected && passed) {
    title = <>复查合格，整改单 {orderNo(reinspected.orderNo)} 已销号</>;
  } else if (reinspected) {
    status = 'warning';
    title = <>复查不合格，整改单 {orderNo(reinspected.orderNo)} 仍在整改</>;
    detail = `${inspection?.explanation ?? ''}；期限 ${formatDate(reinspected.dueOn)}`;
  } else if (passed) {
    title = '巡查合格';
  } else {
    title = opened ? <>不合格，已生成整改单 {orderNo(opened.orderNo)}</> : '不合格';
    detail = (
      <>
        {inspection?.explanation}
        {opened && (
          <div>
            整改期限 <Typography.Text strong>{formatDate(opened.dueOn)}</Typography.Text>
            ，已通知管护责任单位；计为反弹一次
          </div>
        )}
      </>
    );
  }
  return (
    <Result
      status={status}
      title={<span data-testid="inspection-result">{title}</span>}
      subTitle={
        <Flex vertical gap={4}>
          <span>{detail}</span>
          <span>
            {after.point.openOrder
              ? '整改到位后再次巡查即为复查'
              : `下次巡查 ${formatDate(after.point.nextInspectionOn)}`}
          </span>
        </Flex>
      }
      extra={
        <Button type="primary" size="large" onClick={onDone}>
          完成
        </Button>
      }
    />
  );
}

export function InspectionDrawer({
  detail,
  open,
  isPhone,
  onClose,
}: {
  detail: MaintenancePointResponse;
  open: boolean;
  isPhone: boolean;
  onClose: () => void;
}) {
  const point = detail.point;
  return (
    <Drawer
      open={open}
      title={`填写巡查 · ${point.task.pointName}`}
      size={isPhone ? '100%' : 600}
      onClose={onClose}
      destroyOnHidden
      styles={{ body: { padding: isPhone ? 12 : 24 } }}
    >
      <InspectionForm detail={detail} isPhone={isPhone} onClose={onClose} />
    </Drawer>
  );
}

function InspectionForm({
  detail,
  isPhone,
  onClose,
}: {
  detail: MaintenancePointResponse;
  isPhone: boolean;
  onClose: () => void;
}) {
  const point = detail.point;
  // The point as the form was opened: the result compares the answer with it.
  const [before] = useState(detail);
  const record = useRecordInspection(point.id);
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(0);
  const [submitError, setSubmitError] = useState<unknown>();
  const [after, setAfter] = useState<MaintenancePointResponse>();
  const answers = Form.useWatch('results', form);
  const score = Form.useWatch('score', form);

  if (after) return <InspectionResult before={before} after={after} onDone={onClose} />;

  const results = detail.checklist.map((item, i) => ({ item, verdict: answers?.[i]?.verdict }));
  const isComplete = results.every((r) => r.verdict) && typeof score === 'number';
  const preview = isComplete
    ? inspectionOutcome(
        results.map((r) => ({ item: r.item, passed: r.verdict === 'pass' })),
        score,
        { passScore: detail.passScore },
      )
    : undefined;

  function handleFinish(values: Values) {
    setSubmitError(undefined);
    record.mutate(
      {
        inspectedOn: values.inspectedOn.format('YYYY-MM-DD'),
        results: detail.checklist.map((item, i) => {
          const answer = values.results[i];
          const passed = answer?.verdict === 'pass';
          return { item, passed, note: passed ? null : answer?.note?.trim() || null };
        }),
        score: values.score ?? 0,
        note: values.note?.trim() || null,
        photoIds: photos.map((p) => p.id),
      },
      {
        onSuccess: setAfter,
        onError: (e) => {
          if (!applyFieldErrors(form, e, ['inspectedOn', 'score', 'note'])) setSubmitError(e);
        },
      },
    );
  }

  const today = dayjs();
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark
      initialValues={{ inspectedOn: today, results: detail.checklist.map(() => ({})) }}
      onFinish={handleFinish}
      onValuesChange={() => setSubmitError(undefined)}
      scrollToFirstError={{ block: 'center' }}
    >
      {point.openOrder && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本次巡查即为整改单 ${point.openOrder.orderNo} 的复查`}
          description="复查合格则整改单销号；不合格则整改单继续整改。"
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        检查项（{detail.checklist.length}项，逐项选择）
      </Typography.Title>
      {detail.checklist.map((item, i) => (
        <div
          key={item}
          data-testid="inspection-item"
          style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 4, marginBottom: 12 }}
        >
          <Form.Item
            label={<Typography.Text strong>{`${i + 1}. ${item}`}</Typography.Text>}
            name={['results', i, 'verdict']}
            rules={[{ required: true, message: `请选择「${item}」是否合格` }]}
            style={{ marginBottom: 8 }}
          >
            <VerdictToggle item={item} isPhone={isPhone} />
          </Form.Item>
          {answers?.[i]?.verdict === 'fail' && (
            <Form.Item name={['results', i, 'note']} style={{ marginBottom: 8 }}>
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder="问题说明（选填），如：楼道堆放杂物、灭火器过期"
                aria-label={`${item} 问题说明`}
              />
            </Form.Item>
          )}
        </div>
      ))}
      <Form.Item
        label="得分"
        name="score"
        rules={[{ required: true, message: '请填写得分（0–100）' }]}
        extra={`合格线 ${detail.passScore} 分，且各项合格`}
      >
        <InputNumber
          min={0}
          max={100}
          precision={0}
          suffix="分"
          size="large"
          inputMode="numeric"
          placeholder="0–100"
          style={{ width: isPhone ? '100%' : 200 }}
          data-testid="inspection-score"
        />
      </Form.Item>
      {preview && (
        <Alert
          type={preview.passed ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="inspection-preview"
          title={
            preview.passed
              ? point.openOrder
                ? '复查合格，提交后整改单销号'
                : '合格'
              : point.openOrder
                ? '复查不合格，整改单继续整改'
                : '不合格，提交后生成整改单（计为反弹）'
          }
          description={preview.explanation}
        />
      )}
      <Form.Item label="巡查日期" name="inspectedOn" rules={[{ required: true, message: '请选择巡查日期' }]}>
        <DatePicker
          format="YYYY-MM-DD"
          size="large"
          inputReadOnly={isPhone}
          allowClear={false}
          style={{ width: isPhone ? '100%' : 200 }}
          disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(dayjs(point.enteredOn), 'day')}
        />
      </Form.Item>
      <Form.Item label={`现场照片（${photos.length}张）`} extra="JPG 或 PNG；可拍多张">
        <PhotoPicker
          pointId={point.id}
          photos={photos}
          isPhone={isPhone}
          onAdd={(p) => setPhotos((list) => [...list, p])}
          onRemove={(id) => setPhotos((list) => list.filter((p) => p.id !== id))}
          onBusy={(delta) => setUploading((n) => n + delta)}
        />
      </Form.Item>
      <Form.Item label="备注" name="note">
        <Input.TextArea rows={3} maxLength={2000} placeholder="选填" />
      </Form.Item>
      <Flex vertical gap={8}>
        <SubmitErrorAlert error={submitError} />
        <Flex gap={8} vertical={isPhone}>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block={isPhone}
            loading={record.isPending}
            disabled={uploading > 0}
            data-testid="submit-inspection"
          >
            {uploading > 0 ? '照片上传中…' : '提交巡查'}
          </Button>
          <Button size="large" block={isPhone} onClick={onClose}>
            取消
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
