import type { Org } from '@groundbreak/contract';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useVersionedEdit } from '../../components/use-versioned-edit';
import { applyFieldErrors } from '../../lib/form-errors';
import { useFetchOrg, useUpdateOrg } from './api';

interface OrgValues {
  name: string;
  shortName: string;
}

const FIELD_NAMES = ['name', 'shortName'] as const;

interface OrgEditFormProps {
  org: Org;
  onDone: (org: Org) => void;
  onCancel: () => void;
}

/** 编辑组织机构: name and short name (reference.admin); code, kind and region stay as registered. */
export function OrgEditForm({ org, onDone, onCancel }: OrgEditFormProps) {
  const [form] = Form.useForm<OrgValues>();
  const { message } = App.useApp();
  const updateOrg = useUpdateOrg();
  const fetchOrg = useFetchOrg();
  const {
    version,
    latest,
    submitError,
    setSubmitError,
    isReloading,
    reload: handleReload,
  } = useVersionedEdit<Org>(org.version, {
    fetchLatest: () => fetchOrg(org),
    goneMessage: '该组织机构已不存在',
  });

  function handleFinish(values: OrgValues) {
    setSubmitError(undefined);
    updateOrg.mutate(
      { id: org.id, name: values.name.trim(), shortName: values.shortName.trim(), version },
      {
        onSuccess: (result) => {
          message.success('组织机构已保存');
          onDone(result.org);
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, FIELD_NAMES)) setSubmitError(error);
        },
      },
    );
  }

  return (
    <Form<OrgValues>
      form={form}
      layout="vertical"
      initialValues={{ name: org.name, shortName: org.shortName }}
      onFinish={handleFinish}
      onValuesChange={() => setSubmitError(undefined)}
    >
      {latest && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="已载入最新保存的版本"
          description={`对方保存的是：${latest.name}（简称 ${latest.shortName}）。表单中保留的是您填写的内容，核对后点击"保存"将以您的内容为准。`}
        />
      )}
      <Form.Item
        name="name"
        label="名称"
        rules={[
          { required: true, whitespace: true, message: '请输入名称' },
          { min: 2, max: 100, message: '名称为 2–100 个字' },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="shortName"
        label="简称"
        extra="用于列表、简报和导入时识别，如 区发改委"
        rules={[
          { required: true, whitespace: true, message: '请输入简称' },
          { max: 30, message: '简称不超过 30 个字' },
        ]}
      >
        <Input maxLength={30} />
      </Form.Item>
      <SubmitErrorAlert error={submitError} onReload={handleReload} isReloading={isReloading} />
      <Flex gap={8} style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={updateOrg.isPending}>
          保存
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Flex>
    </Form>
  );
}
