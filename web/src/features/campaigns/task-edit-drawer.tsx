import type { TaskResponse } from '@groundbreak/contract';
import { App, Button, Drawer, Flex, Form, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { useCampaignCategories, useCampaigns, useUpdateTask } from './api';
import { TaskFormFields } from './task-form';
import { placeFieldErrors, type TaskFormValues, toFormValues, toTaskFields } from './task-values';

// 编辑 a task from its page: the same fields as 新建 except the campaign and the 板块, plus 进度 and the
// 微更新 stages' actual dates. A 409 says who saved first and reloads their version under the user's input.

export function TaskEditDrawer({
  detail,
  open,
  isPhone,
  onClose,
  onReloadTask,
}: {
  detail: TaskResponse;
  open: boolean;
  isPhone: boolean;
  onClose: () => void;
  onReloadTask: () => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const categories = useCampaignCategories();
  const update = useUpdateTask(detail.task.id);
  const [form] = Form.useForm<TaskFormValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const reload = useConflictReload(onReloadTask, () => setSubmitError(undefined));
  // The form starts from the task as opened; a reload after a 409 keeps what the user typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new opening resets the form
  const initialValues = useMemo(() => toFormValues(detail.task), [open]);

  function handleFinish(values: TaskFormValues) {
    setSubmitError(undefined);
    const category = categories.data?.items.find((c) => c.code === values.categoryCode);
    update.mutate(
      { version: detail.task.version, progress: values.progress ?? 0, ...toTaskFields(values, category) },
      {
        onSuccess: () => {
          message.success('任务已保存');
          onClose();
        },
        onError: (e) => {
          if (!placeFieldErrors(form, e)) setSubmitError(e);
        },
      },
    );
  }

  return (
    <Drawer
      open={open}
      title={`编辑任务 ${detail.task.taskNo}`}
      size={isPhone ? '100%' : 760}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex vertical gap={8}>
          <SubmitErrorAlert error={submitError} {...reload} />
          <Flex gap={8} justify="flex-end">
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
              保存
            </Button>
          </Flex>
        </Flex>
      }
    >
      {campaigns.data && categories.data ? (
        <Form<TaskFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={handleFinish}
          onValuesChange={() => setSubmitError(undefined)}
          scrollToFirstError={{ block: 'center' }}
        >
          <Flex vertical gap={16}>
            <TaskFormFields
              form={form}
              mode="edit"
              campaigns={campaigns.data.items}
              categories={categories.data.items}
            />
          </Flex>
        </Form>
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
