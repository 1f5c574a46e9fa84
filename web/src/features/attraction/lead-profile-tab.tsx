import { EditOutlined } from '@ant-design/icons';
import type { LeadDetail } from '@groundbreak/contract';
import { ASSIGNED_VIA_LABELS, INVESTOR_ORIGIN_LABELS, LEAD_SOURCE_LABELS } from '@groundbreak/contract';
import type { DescriptionsProps } from 'antd';
import { Alert, App, Button, Card, Descriptions, Flex, Form } from 'antd';
import { useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors, versionConflictOf } from '../../lib/form-errors';
import { EMPTY_VALUE, formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useLead, useUpdateLead } from './api';
import {
  LEAD_FIELD_NAMES,
  LeadFormFields,
  type LeadFormValues,
  leadFormValuesOf,
  toLeadFields,
} from './lead-form';
import { formatInvestment } from './lead-parts';

// 基本情况: the investor profile of the lead as read, and its edit form (a registry lead nobody profiled yet
// gets its profile here).

function ProfileView({ lead }: { lead: LeadDetail }) {
  const p = lead.profile;
  const items: DescriptionsProps['items'] = [
    { key: 'company', label: '投资方企业', children: p?.companyName ?? EMPTY_VALUE },
    { key: 'uscc', label: '统一社会信用代码', children: p?.investorUscc ?? EMPTY_VALUE },
    { key: 'group', label: '所属集团', children: p?.investorGroup ?? EMPTY_VALUE },
    {
      key: 'origin',
      label: '投资来源地',
      children: p?.investorOrigin ? INVESTOR_ORIGIN_LABELS[p.investorOrigin] : EMPTY_VALUE,
    },
    { key: 'product', label: '意向产品', children: p?.intendedProduct ?? EMPTY_VALUE },
    { key: 'investment', label: '预计总投资', children: formatInvestment(lead.totalInvestment) },
    {
      key: 'land',
      label: '用地需求',
      children:
        p?.estimatedLandMu === null || p?.estimatedLandMu === undefined
          ? EMPTY_VALUE
          : `${formatNumber(p.estimatedLandMu)} 亩`,
    },
    { key: 'chain', label: '产业链', children: lead.industryChain ?? EMPTY_VALUE },
    { key: 'source', label: '招商来源', children: p ? LEAD_SOURCE_LABELS[p.source] : EMPTY_VALUE },
    { key: 'owner', label: '招商负责人', children: p?.ownerName ?? EMPTY_VALUE },
    { key: 'org', label: '责任单位', children: lead.responsibleOrgName ?? EMPTY_VALUE },
    {
      key: 'region',
      label: '所属板块',
      children: p?.inPool ? `公海（${formatDateTime(p.pooledAt)} 放入）` : lead.regionName,
    },
    {
      key: 'via',
      label: '归属方式',
      children: p?.assignedVia
        ? `${ASSIGNED_VIA_LABELS[p.assignedVia]}${p.assignedAt ? `（${formatDate(p.assignedAt)}）` : ''}`
        : EMPTY_VALUE,
    },
    {
      key: 'registered',
      label: '登记',
      children: p ? `${p.registeredRegionName} 于 ${formatDate(p.registeredOn)}` : EMPTY_VALUE,
    },
  ];
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      size="small"
      items={items}
      styles={{ content: { wordBreak: 'break-word', minWidth: 0 } }}
    />
  );
}

function ProfileEditForm({ lead, onDone }: { lead: LeadDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const update = useUpdateLead(lead.id);
  const reload = useLead(lead.id);
  const [form] = Form.useForm<LeadFormValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  // Saved against the versions the form was opened on; 载入最新版本 after a 409 moves them on.
  const [versions, setVersions] = useState({
    profile: lead.profile?.version ?? 1,
    project: lead.projectVersion,
  });

  function handleFinish(values: LeadFormValues) {
    setSubmitError(undefined);
    update.mutate(
      { ...toLeadFields(values), version: versions.profile, projectVersion: versions.project },
      {
        onSuccess: () => {
          message.success('已保存基本情况');
          onDone();
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, LEAD_FIELD_NAMES)) setSubmitError(error);
        },
      },
    );
  }

  return (
    <Form<LeadFormValues>
      form={form}
      layout="vertical"
      initialValues={leadFormValuesOf(lead)}
      onFinish={handleFinish}
      onValuesChange={() => {
        if (!versionConflictOf(submitError)) setSubmitError(undefined);
      }}
      scrollToFirstError={{ block: 'center' }}
    >
      <Flex vertical gap={16}>
        <LeadFormFields form={form} excludeId={lead.id} ownerName={lead.profile?.ownerName} />
        <Card size="small">
          <Flex vertical gap={12}>
            <SubmitErrorAlert
              error={submitError}
              isReloading={reload.isFetching}
              onReload={() =>
                void reload.refetch().then(({ data }) => {
                  if (data)
                    setVersions({ profile: data.profile?.version ?? 1, project: data.projectVersion });
                  setSubmitError(undefined);
                })
              }
            />
            <Flex gap={8} wrap>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                保存
              </Button>
              <Button onClick={onDone}>取消</Button>
            </Flex>
          </Flex>
        </Card>
      </Flex>
    </Form>
  );
}

export function ProfileTab({ lead }: { lead: LeadDetail }) {
  const [isEditing, setEditing] = useState(false);
  const canEdit = lead.abilities.edit;
  if (isEditing) {
    return <ProfileEditForm lead={lead} onDone={() => setEditing(false)} />;
  }
  return (
    <Flex vertical gap={16}>
      {!lead.profile && (
        <Alert
          type="info"
          showIcon
          title="该项目尚未建立招商档案"
          description={
            canEdit ? '点击"建立招商档案"，填写投资方、来源和负责人后即可跟进、评分和评审。' : undefined
          }
          action={
            canEdit && (
              <Button type="primary" onClick={() => setEditing(true)}>
                建立招商档案
              </Button>
            )
          }
        />
      )}
      <Card
        size="small"
        title="投资方与意向"
        extra={
          canEdit &&
          lead.profile && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          )
        }
      >
        <ProfileView lead={lead} />
      </Card>
    </Flex>
  );
}
