import { ROLE_LABELS, type SecurityPolicySettings } from '@groundbreak/contract';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  InputNumber,
  Radio,
  Row,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { applyFieldErrors } from '../../lib/form-errors';
import { useEndAllSessions, useSaveSecurityPolicy, useSecurityPolicy } from './api';

type NumberField = {
  name: Exclude<
    keyof SecurityPolicySettings,
    'passwordForbidUsername' | 'passwordProfile' | 'mfaRequiredRoles'
  >;
  label: string;
  unit: string;
  min: number;
  max: number;
  help: string;
};

const PASSWORD_FIELDS: NumberField[] = [
  {
    name: 'passwordMinLength',
    label: '密码最短长度',
    unit: '个字符',
    min: 8,
    max: 64,
    help: '等保三级建议不少于 8 位',
  },
  {
    name: 'passwordRequiredClasses',
    label: '须包含的字符类别',
    unit: '类',
    min: 2,
    max: 4,
    help: '大写字母、小写字母、数字、符号四类中至少几类（仅等保方案）',
  },
  {
    name: 'passwordMaxAgeDays',
    label: '密码有效期',
    unit: '天',
    min: 0,
    max: 365,
    help: '到期后登录须先修改密码；0 表示不限（仅等保方案）',
  },
  {
    name: 'passwordHistoryCount',
    label: '不得重复使用最近',
    unit: '个密码',
    min: 0,
    max: 24,
    help: '修改密码时不能与最近几次用过的相同',
  },
];

const ACCOUNT_FIELDS: NumberField[] = [
  {
    name: 'accountInactiveDays',
    label: '长期未登录停用',
    unit: '天',
    min: 30,
    max: 365,
    help: '超过该天数未登录的账号由每日任务停用（管理员账号除外），记入审计日志',
  },
];

const LOCKOUT_FIELDS: NumberField[] = [
  {
    name: 'lockoutMaxFailures',
    label: '连续失败次数',
    unit: '次',
    min: 3,
    max: 10,
    help: '达到该次数即锁定账号',
  },
  {
    name: 'lockoutWindowMinutes',
    label: '统计时间窗',
    unit: '分钟',
    min: 5,
    max: 60,
    help: '在该时间内的连续失败才累计',
  },
  {
    name: 'lockoutMinutes',
    label: '锁定时长',
    unit: '分钟',
    min: 5,
    max: 1440,
    help: '锁定期间正确密码也无法登录',
  },
];

const SESSION_FIELDS: NumberField[] = [
  {
    name: 'sessionIdleMinutes',
    label: '空闲超时',
    unit: '分钟',
    min: 5,
    max: 120,
    help: '无操作超过该时间须重新登录',
  },
  {
    name: 'sessionAbsoluteHours',
    label: '会话最长时长',
    unit: '小时',
    min: 1,
    max: 24,
    help: '登录后无论是否操作，到时须重新登录',
  },
];

const FIELD_NAMES = [
  'passwordProfile',
  'mfaRequiredRoles',
  ...[...PASSWORD_FIELDS, ...LOCKOUT_FIELDS, ...SESSION_FIELDS, ...ACCOUNT_FIELDS].map((f) => f.name),
];

const MFA_ROLE_OPTIONS = (['drc', 'dept_operator', 'subarea_operator', 'leader', 'enterprise'] as const).map(
  (role) => ({ value: role, label: ROLE_LABELS[role] }),
);

const PROFILE_OPTIONS = [
  { value: 'MLPS', label: '等保方案：长度 + 字符类别 + 定期更换' },
  { value: 'ASVS', label: 'ASVS 方案：至少 12 位 + 拒绝常见密码，不强制更换' },
];

function NumberFields({ fields }: { fields: NumberField[] }) {
  return (
    <Row gutter={24}>
      {fields.map((field) => (
        <Col key={field.name} xs={24} md={12} lg={8}>
          <Form.Item
            name={field.name}
            label={field.label}
            extra={field.help}
            rules={[{ required: true, message: '必填' }]}
          >
            <InputNumber
              min={field.min}
              max={field.max}
              precision={0}
              suffix={field.unit}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** 安全策略: password, lockout and session rules, set by the security administrator. */
export function SecurityPolicyPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityPolicySettings>();
  const { data, error, isLoading, refetch } = useSecurityPolicy();
  const save = useSaveSecurityPolicy();
  const endAll = useEndAllSessions();
  const { modal } = App.useApp();
  const confirmEndAll = () =>
    modal.confirm({
      title: '结束所有用户的会话？',
      content: '除您当前的会话外，所有用户在所有设备上立即退出登录，须重新登录。用于怀疑账号或会话泄露时。',
      okText: '全部结束',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        endAll
          .mutateAsync()
          .then((result) => message.success(`已结束 ${result.ended} 个会话`))
          .catch((error: unknown) => message.error(`操作失败：${describeError(error).message}`)),
    });

  useEffect(() => {
    if (data) form.setFieldsValue(data.policy);
  }, [data, form]);

  const handleFinish = (values: SecurityPolicySettings) => {
    save.mutate(values, {
      onSuccess: () => message.success('安全策略已保存，下次登录和请求即生效'),
      onError: (saveError) => applyFieldErrors(form, saveError, FIELD_NAMES),
    });
  };

  return (
    <PageContainer
      title="安全策略"
      description="密码规则、登录失败锁定、会话超时和长期未用账号。修改记入审计日志。"
      extra={
        <Button danger onClick={confirmEndAll} loading={endAll.isPending}>
          结束所有会话
        </Button>
      }
    >
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
      <Card>
        {isLoading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Form form={form} layout="vertical" onFinish={handleFinish} disabled={!data}>
            <Typography.Title level={5}>密码</Typography.Title>
            <Form.Item
              name="passwordProfile"
              label="密码策略方案"
              extra="等保三级测评通常按等保方案检查；ASVS 方案依据 OWASP ASVS 2.1，使用随应用提供的常见密码表"
            >
              <Radio.Group options={PROFILE_OPTIONS} />
            </Form.Item>
            <NumberFields fields={PASSWORD_FIELDS} />
            <Form.Item name="passwordForbidUsername" label="密码不得包含用户名" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
            <Typography.Title level={5}>登录失败锁定</Typography.Title>
            <NumberFields fields={LOCKOUT_FIELDS} />
            <Typography.Title level={5}>会话</Typography.Title>
            <NumberFields fields={SESSION_FIELDS} />
            <Typography.Title level={5}>账号</Typography.Title>
            <NumberFields fields={ACCOUNT_FIELDS} />
            <Form.Item
              name="mfaRequiredRoles"
              label="须使用两步验证的角色"
              extra="系统管理员、安全管理员、审计管理员始终须使用；其余角色不勾选时可自愿启用。演示账号在演示模式下免除。"
            >
              <Checkbox.Group options={MFA_ROLE_OPTIONS} />
            </Form.Item>
            <SubmitErrorAlert error={save.error} />
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          </Form>
        )}
      </Card>
    </PageContainer>
  );
}
