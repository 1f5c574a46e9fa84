import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { LeadContact, LeadDetail } from '@groundbreak/contract';
import type { TableProps } from 'antd';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { applyFieldErrors } from '../../lib/form-errors';
import { EMPTY_VALUE } from '../../lib/format';
import { useContacts, useDeleteContact, useSaveContact } from './api';

// 联系人: the investor's people. Phones are personal data: stored encrypted and only ever shown masked
// (138****1234); editing leaves the number as it is unless a new one is typed.

interface ContactValues {
  name: string;
  title?: string;
  organisation?: string;
  phone?: string;
  note?: string;
}

const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

function ContactModal({
  lead,
  contact,
  onClose,
}: {
  lead: LeadDetail;
  contact: LeadContact | 'new';
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const save = useSaveContact(lead.id);
  const [form] = Form.useForm<ContactValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const isNew = contact === 'new';
  const blank = (value: string | undefined) => value?.trim() || null;
  return (
    <Modal
      open
      width={560}
      title={isNew ? '添加联系人' : `编辑联系人：${contact.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<ContactValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={
          isNew
            ? {}
            : {
                name: contact.name,
                title: contact.title ?? undefined,
                organisation: contact.organisation ?? undefined,
                note: contact.note ?? undefined,
              }
        }
        onValuesChange={() => setSubmitError(undefined)}
        onFinish={(values) => {
          const phone = values.phone?.trim();
          save.mutate(
            {
              name: values.name.trim(),
              title: blank(values.title),
              organisation: blank(values.organisation),
              note: blank(values.note),
              // Editing: an empty box keeps the stored number.
              ...(phone ? { phone } : isNew ? { phone: null } : {}),
              ...(isNew ? {} : { contactId: contact.id, version: contact.version }),
            },
            {
              onSuccess: () => {
                message.success(isNew ? '已添加联系人' : '已保存联系人');
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error, ['name', 'title', 'organisation', 'phone', 'note'])) {
                  setSubmitError(error);
                }
              },
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写联系人姓名' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="title" label="职务" style={{ flex: '1 1 200px' }}>
            <Input maxLength={40} placeholder="如 副总经理" />
          </Form.Item>
          <Form.Item name="organisation" label="单位" style={{ flex: '1 1 200px' }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="phone"
          label="电话"
          rules={[{ pattern: PHONE_PATTERN, message: '电话应为 11 位手机号或 0519-xxxxxxxx' }]}
          extra={
            isNew ? '加密保存，页面上只显示部分号码' : `当前 ${contact.phoneMasked ?? '未填写'}；不修改请留空`
          }
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <SubmitErrorAlert error={submitError} />
      </Form>
    </Modal>
  );
}

export function ContactsTab({ lead }: { lead: LeadDetail }) {
  const { message } = App.useApp();
  const contacts = useContacts(lead.id);
  const remove = useDeleteContact();
  const [editing, setEditing] = useState<LeadContact | 'new'>();
  const canEdit = lead.abilities.edit && Boolean(lead.profile);

  const columns: TableProps<LeadContact>['columns'] = [
    { key: 'name', title: '姓名', render: (_, c) => c.name },
    { key: 'title', title: '职务', render: (_, c) => c.title ?? EMPTY_VALUE },
    { key: 'organisation', title: '单位', render: (_, c) => c.organisation ?? EMPTY_VALUE },
    {
      key: 'phone',
      title: '电话',
      render: (_, c) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{c.phoneMasked ?? EMPTY_VALUE}</span>
      ),
    },
    { key: 'note', title: '备注', render: (_, c) => c.note ?? EMPTY_VALUE },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_: unknown, c: LeadContact) => (
              <Flex gap={4}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>
                  编辑
                </Button>
                <Popconfirm
                  title={`删除联系人「${c.name}」？`}
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    remove.mutateAsync({ id: c.id, version: c.version }).then(
                      () => message.success('联系人已删除'),
                      (error: unknown) => message.error(describeError(error).message),
                    )
                  }
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title="联系人"
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            添加联系人
          </Button>
        )
      }
    >
      {contacts.error ? <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} /> : null}
      <Table<LeadContact>
        rowKey="id"
        size="middle"
        loading={contacts.isPending}
        columns={columns}
        dataSource={contacts.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={canEdit ? '暂无联系人，点击"添加联系人"' : '暂无联系人'}
            />
          ),
        }}
      />
      {editing && <ContactModal lead={lead} contact={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
