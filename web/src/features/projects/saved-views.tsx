import { DeleteOutlined, DownOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Divider, Empty, Flex, Form, Input, Modal, Popconfirm, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { describeError } from '../../lib/describe-error';
import { applyFieldErrors } from '../../lib/form-errors';
import { useCreateSavedView, useDeleteSavedView, useSavedViews } from './api';

/** The list's filters and sort as saved: the URL's search string without the page number. */
function currentQuery(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('page');
  return params.toString();
}

function SaveViewModal({ open, query, onClose }: { open: boolean; query: string; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const { message } = App.useApp();
  const createView = useCreateSavedView();
  function handleFinish({ name }: { name: string }) {
    createView.mutate(
      { name: name.trim(), query },
      {
        onSuccess: () => {
          message.success(`已保存视图「${name.trim()}」`);
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, ['name'])) message.error(describeError(error).message);
        },
      },
    );
  }
  return (
    <Modal
      open={open}
      title="保存当前视图"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: 'saved-view-form' }}
      confirmLoading={createView.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        id="saved-view-form"
        layout="vertical"
        onFinish={handleFinish}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label="视图名称"
          extra={query ? '保存当前的筛选条件和排序，之后一键切换' : '当前没有筛选条件，将保存为"全部项目"'}
          rules={[{ required: true, whitespace: true, message: '请填写视图名称' }]}
        >
          <Input maxLength={40} placeholder="如：高新区在谈项目、本年新开工" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 我的视图: the user's saved filter sets of 项目库 — apply one, save the current one, delete one. */
export function SavedViews() {
  const { data: views, isPending } = useSavedViews();
  const deleteView = useDeleteSavedView();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [isOpen, setOpen] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const query = currentQuery(location.search);

  const content = (
    <Flex vertical style={{ width: 280 }}>
      {views && views.length > 0 ? (
        views.map((view) => (
          <Flex key={view.id} align="center" justify="space-between" gap={8}>
            <Button
              type="link"
              icon={<EyeOutlined />}
              style={{ paddingInline: 0, fontWeight: view.query === query ? 600 : undefined }}
              onClick={() => {
                setOpen(false);
                navigate({ pathname: '/projects', search: view.query ? `?${view.query}` : '' });
              }}
            >
              <Typography.Text ellipsis style={{ maxWidth: 200, color: 'inherit' }}>
                {view.name}
              </Typography.Text>
            </Button>
            <Popconfirm
              title={`删除视图「${view.name}」？`}
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                deleteView.mutateAsync(view.id).then(
                  () => message.success('视图已删除'),
                  (error: unknown) => message.error(describeError(error).message),
                )
              }
            >
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={`删除视图 ${view.name}`}
              />
            </Popconfirm>
          </Flex>
        ))
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={isPending ? '加载中…' : '还没有保存的视图：设好筛选条件后点击下方按钮保存'}
        />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Button
        icon={<SaveOutlined />}
        onClick={() => {
          setOpen(false);
          setSaving(true);
        }}
      >
        保存当前视图
      </Button>
    </Flex>
  );

  return (
    <>
      <Popover content={content} trigger="click" placement="bottomRight" open={isOpen} onOpenChange={setOpen}>
        <Button>
          我的视图 <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Popover>
      <SaveViewModal open={isSaving} query={query} onClose={() => setSaving(false)} />
    </>
  );
}
