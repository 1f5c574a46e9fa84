import type { SecurityPolicySettings } from '@groundbreak/contract';
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { useSaveSecurityPolicy, useSecurityPolicy } from './api';

type NumberField = {
  name: Exclude<keyof SecurityPolicySettings, 'passwordForbidUsername'>;
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
    help: '大写字母、小写字母、数字、符号四类中至少几类',
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

const FIELD_NAMES = [...PASSWORD_FIELDS, ...LOCKOUT_FIELDS, ...SESSION_FIELDS].map((f) => f.name);

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
    <PageContainer title="安全策略" description="密码复杂度、登录失败锁定和会话超时。修改记入审计日志。">
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
      <Card>
        {isLoading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Form form={form} layout="vertical" onFinish={handleFinish} disabled={!data}>
            <Typography.Title level={5}>密码</Typography.Title>
            <NumberFields fields={PASSWORD_FIELDS} />
            <Form.Item name="passwordForbidUsername" label="密码不得包含用户名" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
            <Typography.Title level={5}>登录失败锁定</Typography.Title>
            <NumberFields fields={LOCKOUT_FIELDS} />
            <Typography.Title level={5}>会话</Typography.Title>
            <NumberFields fields={SESSION_FIELDS} />
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
