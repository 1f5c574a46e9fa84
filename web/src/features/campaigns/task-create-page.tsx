import { Alert, App, Button, Card, Flex, Form, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { useCampaignCategories, useCampaigns, useCreateTask } from './api';
import { TaskFormFields } from './task-form';
import { placeFieldErrors, type TaskFormValues, toTaskFields } from './task-values';

// 新建任务: a point of a campaign in a 板块, its problem and requirement, who fixes it by when; then on to the
// task's page, where the 整改前照片 are taken.

/** The 板块 a new task starts in: the user's own, when they work for exactly one 板块. */
function useOwnSubareaId(): string | undefined {
  const user = useCurrentUser();
  const regions = useRegions();
  const [only] = user.regionScopes;
  if (user.regionScopes.length !== 1 || !only) return undefined;
  return regions.data?.items.find((r) => r.id === only.id && r.level === 'subarea')?.id;
}

export function TaskCreatePage() {
  const canCreate = useCan('campaign.write');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const campaigns = useCampaigns();
  const categories = useCampaignCategories();
  const create = useCreateTask();
  const [form] = Form.useForm<TaskFormValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const ownSubareaId = useOwnSubareaId();
  const items = campaigns.data?.items;

  const initialValues = useMemo<TaskFormValues>(
    () => ({
      campaignId: params.get('campaignId') ?? undefined,
      batchId: params.get('batchId') ?? null,
      startOn: dayjs(),
    }),
    [params],
  );

  // The lists arrive after the form: the one campaign under way today, and the user's own 板块, unless
  // already picked.
  useEffect(() => {
    const today = dayjs().format('YYYY-MM-DD');
    const current = (items ?? []).filter((c) => c.startOn <= today && today <= c.endOn);
    const [only, ...others] = current.length > 0 ? current : (items ?? []);
    if (only && others.length === 0 && !form.getFieldValue('campaignId')) {
      form.setFieldValue('campaignId', only.id);
    }
  }, [items, form]);
  useEffect(() => {
    if (ownSubareaId && !form.getFieldValue('regionId')) form.setFieldValue('regionId', ownSubareaId);
  }, [ownSubareaId, form]);

  if (!canCreate) return <ForbiddenResult />;
  const error = campaigns.error ?? categories.error;
  if (error) return <ErrorAlert error={error} onRetry={() => void campaigns.refetch()} />;
  if (!campaigns.data || !categories.data) return <Skeleton active />;
  const categoryList = categories.data.items;

  function handleFinish(values: TaskFormValues) {
    setSubmitError(undefined);
    const category = categoryList.find((c) => c.code === values.categoryCode);
    create.mutate(
      {
        campaignId: values.campaignId ?? '',
        regionId: values.regionId ?? '',
        ...toTaskFields(values, category),
      },
      {
        onSuccess: ({ task }) => {
          message.success(`已登记任务 ${task.taskNo}，请上传整改前照片`);
          navigate(`/campaigns/tasks/${task.id}`);
        },
        onError: (e) => {
          if (!placeFieldErrors(form, e)) setSubmitError(e);
        },
      },
    );
  }

  return (
    <PageContainer title="新建整治任务" description="带 * 的为必填项；保存后在任务页面上传整改前照片">
      {campaigns.data.items.length === 0 ? (
        <Alert
          type="info"
          showIcon
          title="尚未设立专项行动"
          description='请区城管局或区发改先在"行动与批次"中新建行动，再登记整治任务。'
        />
      ) : (
        <Form<TaskFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={handleFinish}
          onValuesChange={() => setSubmitError(undefined)}
          scrollToFirstError={{ block: 'center' }}
          style={{ maxWidth: 960 }}
        >
          <Flex vertical gap={16}>
            <TaskFormFields
              form={form}
              mode="create"
              campaigns={campaigns.data.items}
              categories={categoryList}
            />
            <Card size="small">
              <Flex vertical gap={12}>
                <SubmitErrorAlert error={submitError} />
                <Flex gap={8} wrap>
                  <Button type="primary" htmlType="submit" loading={create.isPending}>
                    保存
                  </Button>
                  <Button onClick={() => navigate('/campaigns/tasks')}>取消</Button>
                </Flex>
              </Flex>
            </Card>
          </Flex>
        </Form>
      )}
    </PageContainer>
  );
}
