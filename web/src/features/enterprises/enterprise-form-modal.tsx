import type { Enterprise } from '@groundbreak/contract';
import { Alert, App, Form, Input, Modal, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useVersionedEdit } from '../../components/use-versioned-edit';
import { applyFieldErrors } from '../../lib/form-errors';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import {
  useCreateEnterprise,
  useFetchEnterprise,
  useIsSavingEnterprise,
  useUpdateEnterprise,
  useUsccCheck,
} from './api';

interface EnterpriseValues {
  uscc: string;
  name: string;
  regionId: string;
}

const FIELD_NAMES = ['uscc', 'name', 'regionId'] as const;

interface EnterpriseFormProps {
  /** The enterprise to edit; none: a new one. */
  enterprise: Enterprise | undefined;
  onSaved: (enterprise: Enterprise) => void;
}

function EnterpriseForm({ enterprise, onSaved }: EnterpriseFormProps) {
  const [form] = Form.useForm<EnterpriseValues>();
  const user = useCurrentUser();
  const regions = useRegions();
  const scopeIds = useMemo(() => user.regionScopes.map((region) => region.id), [user.regionScopes]);
  const regionOptions = useMemo(
    () => (regions.data ? toRegionTreeOptions(regions.data.items, scopeIds) : []),
    [regions.data, scopeIds],
  );
  const checkUscc = useUsccCheck();
  const createEnterprise = useCreateEnterprise();
  const updateEnterprise = useUpdateEnterprise();
  const fetchEnterprise = useFetchEnterprise();
  const {
    version,
    latest,
    submitError,
    setSubmitError,
    isReloading,
    reload: handleReload,
  } = useVersionedEdit<Enterprise>(enterprise?.version ?? 1, {
    fetchLatest: async () => (enterprise ? fetchEnterprise(enterprise) : undefined),
    goneMessage: '该企业已不存在或已不在您的数据范围内',
  });

  function handleError(error: unknown) {
    if (!applyFieldErrors(form, error, FIELD_NAMES)) setSubmitError(error);
  }

  async function handleFinish(values: EnterpriseValues) {
    setSubmitError(undefined);
    if (enterprise) {
      updateEnterprise.mutate(
        { id: enterprise.id, name: values.name.trim(), regionId: values.regionId, version },
        { onSuccess: (result) => onSaved(result.enterprise), onError: handleError },
      );
      return;
    }
    // Saved the way the check wrote it (upper case, no spaces), as the server will compare it.
    const check = await checkUscc(values.uscc.trim()).catch(() => undefined);
    createEnterprise.mutate(
      { uscc: check?.normalized ?? values.uscc.trim(), name: values.name.trim(), regionId: values.regionId },
      { onSuccess: (result) => onSaved(result.enterprise), onError: handleError },
    );
  }

  return (
    <Form<EnterpriseValues>
      form={form}
      id="enterprise-form"
      layout="vertical"
      initialValues={
        enterprise ? { uscc: enterprise.uscc, name: enterprise.name, regionId: enterprise.regionId } : {}
      }
      onFinish={handleFinish}
      onValuesChange={() => setSubmitError(undefined)}
      style={{ marginTop: 16 }}
    >
      {latest && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="已载入最新保存的版本"
          description={`对方保存的是：${latest.name}（${latest.regionName}）。表单中保留的是您填写的内容，核对后点击"保存"将以您的内容为准。`}
        />
      )}
      {enterprise ? (
        <Form.Item label="统一社会信用代码" extra="统一社会信用代码登记后不能修改">
          <Typography.Text code>{enterprise.uscc}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          extra="18 位，见营业执照；输入时自动校验"
          hasFeedback
          validateDebounce={400}
          rules={[
            { required: true, whitespace: true, message: '请输入统一社会信用代码' },
            {
              validator: async (_rule, value: string | undefined) => {
                const code = value?.trim();
                if (!code) return;
                const check = await checkUscc(code);
                if (!check.valid) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input maxLength={40} autoComplete="off" placeholder="如 91320412MA1XXXXXXX" />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label="企业名称"
        rules={[
          { required: true, whitespace: true, message: '请输入企业名称' },
          { min: 2, max: 100, message: '企业名称为 2–100 个字' },
        ]}
      >
        <Input maxLength={100} placeholder="与营业执照一致" />
      </Form.Item>
      <Form.Item
        name="regionId"
        label="所属区划"
        extra="企业注册地所在的板块"
        rules={[{ required: true, message: '请选择所属区划' }]}
      >
        <TreeSelect
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          treeData={regionOptions}
          loading={regions.isPending}
          placeholder="选择板块"
        />
      </Form.Item>
      <SubmitErrorAlert
        error={submitError}
        onReload={enterprise ? handleReload : undefined}
        isReloading={isReloading}
      />
    </Form>
  );
}

interface EnterpriseFormModalProps {
  open: boolean;
  /** The enterprise to edit; none: 新建企业. */
  enterprise?: Enterprise;
  onClose: () => void;
  onSaved: (enterprise: Enterprise) => void;
}

/** 新建企业 / 编辑企业. */
export function EnterpriseFormModal({ open, enterprise, onClose, onSaved }: EnterpriseFormModalProps) {
  const { message } = App.useApp();
  const isSaving = useIsSavingEnterprise();
  return (
    <Modal
      open={open}
      title={enterprise ? `编辑企业 — ${enterprise.name}` : '新建企业'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'enterprise-form' }}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {open && (
        <EnterpriseForm
          key={enterprise?.id ?? 'new'}
          enterprise={enterprise}
          onSaved={(saved) => {
            message.success(enterprise ? '企业信息已保存' : `已登记企业 ${saved.name}`);
            onSaved(saved);
          }}
        />
      )}
    </Modal>
  );
}
