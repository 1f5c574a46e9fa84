import { UploadOutlined } from '@ant-design/icons';
import type { Parcel } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS, SUPPLY_METHOD_LABELS, supplyResponse } from '@groundbreak/contract';
import { wanToYuan } from '@groundbreak/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate, formatWan, yuanToWanText } from '../../lib/format';
import { http } from '../../lib/http';
import { projectKeys } from '../projects/api';
import { landKeys, usePutSupply, useSupply, useWaitingProjects } from './api';

// 供地: the 出让 (or 划拨) record that gives the parcel to a project — method, dates, price, 受让人, contract,
// agreed start and completion, the 建设用地规划许可证 number — and the signed contract. As soon as the project's
// gate is met (list complete, contract signed and filed, permit number) it moves to 已供地 by itself; until then
// the tab says what it still waits for.

const DATE_FIELDS = ['announcedOn', 'dealOn', 'contractOn', 'agreedStartOn', 'agreedCompletionOn'] as const;
type Values = Record<string, unknown> & { projectId: string; method: string; priceWan?: string };

function useUploadContract(parcelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      http.upload(`/api/parcels/${parcelId}/supply/contract`, file, { schema: supplyResponse }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: landKeys.all }),
        queryClient.invalidateQueries({ queryKey: projectKeys.all }),
      ]),
  });
}

function SupplyForm({ parcel, onClose }: { parcel: Parcel; onClose: () => void }) {
  const { message } = App.useApp();
  const supply = useSupply(parcel.id);
  const waiting = useWaitingProjects(parcel.id, !parcel.projectId);
  const put = usePutSupply();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const current = supply.data?.supply;
  const projectOptions = parcel.projectId
    ? [{ value: parcel.projectId, label: parcel.projectName ?? '已选定的项目' }]
    : (waiting.data?.items ?? []).map((p) => ({ value: p.projectId, label: `${p.name}（${p.internalNo}）` }));
  const initial: Record<string, unknown> = current
    ? {
        ...current,
        priceWan: current.priceYuan === null ? undefined : yuanToWanText(current.priceYuan),
        ...Object.fromEntries(DATE_FIELDS.map((k) => [k, current[k] ? dayjs(current[k]) : null])),
      }
    : { projectId: parcel.projectId ?? undefined, method: 'listing' };

  return (
    <Modal
      title={current ? '修改出让记录' : '登记供地'}
      open
      width={760}
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ htmlType: 'submit', form: 'supply-form', loading: put.isPending }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        id="supply-form"
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => {
          setError(undefined);
          const body: Record<string, unknown> = {
            projectId: values.projectId,
            method: values.method,
            grantee: (values.grantee as string | undefined)?.trim() || null,
            contractNo: (values.contractNo as string | undefined)?.trim() || null,
            priceYuan: values.priceWan ? wanToYuan(String(values.priceWan)) : null,
            version: current?.version ?? 0,
          };
          for (const key of DATE_FIELDS) {
            const v = values[key] as Dayjs | null | undefined;
            body[key] = v ? v.format('YYYY-MM-DD') : null;
          }
          // The permit number is the approval item's: sent only when changed here, with what was shown.
          const permit = (values.planningPermitNo as string | undefined)?.trim() || null;
          const shown = current?.planningPermitNo ?? null;
          if (permit !== shown) Object.assign(body, { planningPermitNo: permit, planningPermitNoWas: shown });
          put.mutate(
            { id: parcel.id, ...body },
            {
              onSuccess: (result) => {
                message.success(
                  result.projectState === 'LAND_SUPPLIED'
                    ? '出让记录已保存，项目已进入“已供地”'
                    : '出让记录已保存',
                );
                onClose();
              },
              onError: (e) => {
                if (!applyFieldErrors(form, e, ['projectId', ...DATE_FIELDS, 'contractNo'])) setError(e);
              },
            },
          );
        }}
      >
        <SubmitErrorAlert error={error} />
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="projectId" label="供地项目" rules={[{ required: true, message: '请选择项目' }]}>
              <Select
                options={projectOptions}
                disabled={Boolean(parcel.projectId)}
                showSearch
                optionFilterProp="label"
                placeholder="等待用地的项目"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="method" label="供地方式" rules={[{ required: true }]}>
              <Select
                options={Object.entries(SUPPLY_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="announcedOn" label="公告日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dealOn" label="成交日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="priceWan"
              label="成交价（万元）"
              rules={[{ pattern: /^\d+(\.\d{1,4})?$/, message: '请填写金额，最多四位小数' }]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="grantee" label="受让人">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contractNo" label="出让合同编号">
              <Input maxLength={60} placeholder="如 3204122025CR0101" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contractOn" label="合同签订日期">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="agreedStartOn" label="约定动工日期" extra="闲置土地从此日起算">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="agreedCompletionOn" label="约定竣工日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="planningPermitNo" label="建设用地规划许可证号">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function ParcelSupplyTab({ parcel }: { parcel: Parcel }) {
  const { message } = App.useApp();
  const supply = useSupply(parcel.id);
  const upload = useUploadContract(parcel.id);
  const [editing, setEditing] = useState(false);
  if (supply.isPending) return <Skeleton active />;
  if (supply.error) return <ErrorAlert error={supply.error} onRetry={() => supply.refetch()} />;
  const s = supply.data.supply;
  const canWrite = parcel.abilities.supply;
  return (
    <Card size="small" variant="borderless">
      <Flex vertical gap={12}>
        {supply.data.projectState ? (
          supply.data.unmet.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={`项目处于「${PROJECT_STATE_LABELS[supply.data.projectState]}」，进入“已供地”还缺：`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {supply.data.unmet.map((u) => (
                    <li key={u.code}>{u.message}</li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert
              type="success"
              showIcon
              message={`项目处于「${PROJECT_STATE_LABELS[supply.data.projectState]}」`}
            />
          )
        ) : null}
        {s ? (
          <Descriptions
            bordered
            size="small"
            column={3}
            items={[
              {
                key: 'project',
                label: '供地项目',
                span: 2,
                children: <Link to={`/projects/${s.projectId}`}>{s.projectName}</Link>,
              },
              { key: 'method', label: '供地方式', children: SUPPLY_METHOD_LABELS[s.method] },
              { key: 'announced', label: '公告日期', children: formatDate(s.announcedOn) },
              { key: 'deal', label: '成交日期', children: formatDate(s.dealOn) },
              {
                key: 'price',
                label: '成交价',
                children: s.priceYuan === null ? '—' : `${formatWan(s.priceYuan)} 万元`,
              },
              { key: 'grantee', label: '受让人', children: s.grantee ?? '—' },
              { key: 'contract', label: '合同编号', children: s.contractNo ?? '—' },
              { key: 'contractOn', label: '合同签订日期', children: formatDate(s.contractOn) },
              { key: 'start', label: '约定动工', children: formatDate(s.agreedStartOn) },
              { key: 'completion', label: '约定竣工', children: formatDate(s.agreedCompletionOn) },
              { key: 'permit', label: '建设用地规划许可证号', children: s.planningPermitNo ?? '—' },
            ]}
          />
        ) : (
          <Empty
            description={
              parcel.projectId
                ? `已为“${parcel.projectName}”选定，尚未登记出让`
                : '尚未供地；可在“等待的项目”中查看与本地块匹配的项目'
            }
          />
        )}
        {canWrite ? (
          <Flex gap={8}>
            <Button type="primary" onClick={() => setEditing(true)}>
              {s ? '修改出让记录' : '登记供地'}
            </Button>
            {s ? (
              <Upload
                accept=".pdf,.jpg,.jpeg,.png,.ofd,.doc,.docx"
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate(file, {
                    onSuccess: (result) =>
                      message.success(
                        result.projectState === 'LAND_SUPPLIED'
                          ? '出让合同已上传，项目已进入“已供地”'
                          : '出让合同已上传到项目附件',
                      ),
                    onError: (e) => message.error(e instanceof Error ? e.message : '上传失败'),
                  });
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending}>
                  上传出让合同
                </Button>
              </Upload>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      {editing ? <SupplyForm parcel={parcel} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}
