import type { UserSummary } from '@groundbreak/contract';
import { ROLE_LABELS } from '@groundbreak/contract';
import type { Role } from '@groundbreak/domain';
import { ADMIN_ROLES, isAdminRole, ROLES } from '@groundbreak/domain';
import { Alert, App, Button, Checkbox, Descriptions, Drawer, Flex, Form, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useVersionedEdit } from '../../components/use-versioned-edit';
import { applyFieldErrors } from '../../lib/form-errors';
import { isApiError } from '../../lib/http';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useFetchUser, useIsSavingAccess, useUpdateAccess } from './api';
import { EnterpriseOptionSelect } from './enterprise-option-select';
import { RegionScopeText, RoleTags } from './user-tags';

interface AccessValues {
  roles: Role[];
  regionScopeIds: string[];
  enterpriseId: string | null;
}

const FIELD_NAMES = ['roles', 'regionScopeIds', 'enterpriseId'] as const;
const BUSINESS_ROLES = ROLES.filter((role) => !isAdminRole(role));

function RoleCheckboxes({ roles, title }: { roles: readonly Role[]; title: string }) {
  return (
    <Flex vertical gap={6}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      <Flex wrap gap={12}>
        {roles.map((role) => (
          <Checkbox key={role} value={role}>
            {ROLE_LABELS[role]}
          </Checkbox>
        ))}
      </Flex>
    </Flex>
  );
}

function AccessForm({ user, onDone }: { user: UserSummary; onDone: () => void }) {
  const [form] = Form.useForm<AccessValues>();
  const { message } = App.useApp();
  const regions = useRegions();
  const regionOptions = useMemo(
    () => (regions.data ? toRegionTreeOptions(regions.data.items) : []),
    [regions.data],
  );
  const updateAccess = useUpdateAccess();
  const fetchUser = useFetchUser();
  const {
    version,
    latest,
    submitError,
    setSubmitError,
    isReloading,
    reload: handleReload,
  } = useVersionedEdit<UserSummary>(user.version, {
    fetchLatest: () => fetchUser(user),
    goneMessage: '该用户已不存在或已不在您的管理范围内',
  });
  const roles = Form.useWatch('roles', form) ?? user.roles;
  const isEnterpriseAccount = roles.includes('enterprise');

  function handleFinish(values: AccessValues) {
    setSubmitError(undefined);
    updateAccess.mutate(
      {
        id: user.id,
        roles: values.roles,
        regionScopeIds: values.regionScopeIds ?? [],
        enterpriseId: values.roles.includes('enterprise') ? (values.enterpriseId ?? null) : null,
        version,
      },
      {
        onSuccess: () => {
          message.success(`已保存 ${user.displayName} 的角色与数据范围`);
          onDone();
        },
        onError: (error) => {
          // 三权分立 is a rule about the set of roles: its message belongs on the roles field.
          if (isApiError(error) && error.code === 'ADMIN_ROLE_CONFLICT') {
            form.setFields([{ name: 'roles', errors: [error.message] }]);
            return;
          }
          if (!applyFieldErrors(form, error, FIELD_NAMES)) setSubmitError(error);
        },
      },
    );
  }

  return (
    <Form<AccessValues>
      form={form}
      id="user-access-form"
      layout="vertical"
      initialValues={{
        roles: user.roles,
        regionScopeIds: user.regionScopes.map((region) => region.id),
        enterpriseId: user.enterpriseId,
      }}
      onFinish={handleFinish}
      onValuesChange={() => setSubmitError(undefined)}
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 20 }}
        items={[
          { key: 'username', label: '用户名', children: user.username },
          { key: 'org', label: '所属单位', children: user.orgName },
        ]}
      />
      {latest && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="已载入最新保存的版本"
          description={
            <Flex vertical gap={4}>
              <Flex gap={6} align="center" wrap>
                角色：
                <RoleTags roles={latest.roles} />
              </Flex>
              <span>
                数据范围：
                <RegionScopeText user={latest} />
              </span>
              <span>表单中保留的是您填写的内容；核对后点击"保存"将以您的内容为准。</span>
            </Flex>
          }
        />
      )}
      <Form.Item
        name="roles"
        label="角色"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
      >
        <Checkbox.Group style={{ width: '100%' }}>
          <Flex vertical gap={12}>
            <RoleCheckboxes
              title="管理员角色（三权分立：三者不能由同一人兼任，也不能兼任业务角色）"
              roles={ADMIN_ROLES}
            />
            <RoleCheckboxes title="业务角色（可多选）" roles={BUSINESS_ROLES} />
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item
        name="regionScopeIds"
        label="数据范围"
        extra="业务角色须选择（企业角色除外）；选择区县即包含其下所有板块；管理员角色无需设置"
      >
        <TreeSelect
          multiple
          allowClear
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          treeData={regionOptions}
          loading={regions.isPending}
          placeholder="选择区县或板块"
        />
      </Form.Item>
      {isEnterpriseAccount && (
        <Form.Item
          name="enterpriseId"
          label="关联企业"
          extra="企业角色的账号只能查看和填报所关联企业的数据"
          rules={[{ required: true, message: '企业角色须关联一家企业' }]}
        >
          <EnterpriseOptionSelect initialName={user.enterpriseName} />
        </Form.Item>
      )}
      <SubmitErrorAlert error={submitError} onReload={handleReload} isReloading={isReloading} />
    </Form>
  );
}

interface UserAccessDrawerProps {
  user: UserSummary | undefined;
  onClose: () => void;
}

/** 分配角色与数据范围 of one account (security administrator). */
export function UserAccessDrawer({ user, onClose }: UserAccessDrawerProps) {
  const isSaving = useIsSavingAccess();
  return (
    <Drawer
      title={user ? `角色与数据范围 — ${user.displayName}` : '角色与数据范围'}
      open={user !== undefined}
      onClose={onClose}
      size="large"
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" form="user-access-form" loading={isSaving}>
            保存
          </Button>
        </Flex>
      }
    >
      {user && <AccessForm key={user.id} user={user} onDone={onClose} />}
    </Drawer>
  );
}
