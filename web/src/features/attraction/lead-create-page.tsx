import { App, Button, Card, Flex, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { RegionTreeSelect } from '../projects/project-inputs';
import { useCreateLead } from './api';
import { LEAD_FIELD_NAMES, LeadFormFields, type LeadFormValues, toLeadFields } from './lead-form';

// 登记线索: the investor, the intended project and where the lead goes — a 板块 registers into its own 板块;
// 区商务局 and 区发改 put it into the pool (公海) or straight into a 板块. Then on to the lead's page, which
// shows the duplicate warning when the same investor is already worked elsewhere.

type Placement = 'pool' | 'region';
type CreateValues = LeadFormValues & { placement?: Placement; regionId?: string };

export function LeadCreatePage() {
  const canCreate = useCan('attraction.write');
  const isAdmin = useCan('attraction.admin');
  const user = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateLead();
  const [form] = Form.useForm<CreateValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const placement = Form.useWatch('placement', form);
  const [ownRegion] = user.regionScopes;

  if (!canCreate) return <ForbiddenResult />;

  function handleFinish(values: CreateValues) {
    setSubmitError(undefined);
    const toPool = isAdmin && values.placement !== 'region';
    create.mutate(
      {
        ...toLeadFields(values),
        investorOrigin: values.investorOrigin ?? 'domestic',
        industryChain: values.industryChain ?? '',
        ...(isAdmin
          ? toPool
            ? { inPool: true }
            : { regionId: values.regionId }
          : user.regionScopes.length === 1 && ownRegion
            ? { regionId: ownRegion.id }
            : {}),
      },
      {
        onSuccess: ({ lead, duplicates }) => {
          if (duplicates.length > 0) {
            message.warning(`已登记线索「${lead.name}」，但该企业已在其他板块登记，已标记为疑似重复`);
          } else {
            message.success(`已登记线索「${lead.name}」${lead.profile?.inPool ? '，已放入公海' : ''}`);
          }
          navigate(`/attraction/leads/${lead.id}`);
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, [...LEAD_FIELD_NAMES, 'regionId'])) setSubmitError(error);
        },
      },
    );
  }

  return (
    <PageContainer
      title="登记线索"
      description="带 * 的为必填项；企业名称或信用代码与已有线索相同时会即时提示"
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ placement: 'pool', source: undefined, investorOrigin: 'domestic' }}
        onFinish={handleFinish}
        onValuesChange={() => setSubmitError(undefined)}
        scrollToFirstError={{ block: 'center' }}
        style={{ maxWidth: 1040 }}
      >
        <Flex vertical gap={16}>
          <LeadFormFields form={form} />
          <Card size="small" title="线索归属">
            {isAdmin ? (
              <Flex gap={16} wrap align="start">
                <Form.Item name="placement" label="放入" style={{ marginBottom: 0 }}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'pool', label: '线索公海' },
                      { value: 'region', label: '指定板块' },
                    ]}
                  />
                </Form.Item>
                {placement === 'region' && (
                  <Form.Item
                    name="regionId"
                    label="所属板块"
                    rules={[{ required: true, message: '请选择所属板块' }]}
                    style={{ minWidth: 260, marginBottom: 0 }}
                  >
                    <RegionTreeSelect />
                  </Form.Item>
                )}
                <Typography.Text type="secondary" style={{ flexBasis: '100%' }}>
                  公海线索由板块认领，或由区商务局按分配规则分配到板块
                </Typography.Text>
              </Flex>
            ) : (
              <Typography.Text>
                登记到本板块：
                <Typography.Text strong>{user.regionScopes.map((r) => r.name).join('、')}</Typography.Text>
              </Typography.Text>
            )}
          </Card>
          <Card size="small">
            <Flex vertical gap={12}>
              <SubmitErrorAlert error={submitError} />
              <Flex gap={8} wrap>
                <Button type="primary" htmlType="submit" loading={create.isPending}>
                  保存线索
                </Button>
                <Button onClick={() => navigate('/attraction/leads')}>取消</Button>
              </Flex>
            </Flex>
          </Card>
        </Flex>
      </Form>
    </PageContainer>
  );
}
