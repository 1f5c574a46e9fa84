import { ArrowRightOutlined } from '@ant-design/icons';
import type { LeadDetail } from '@groundbreak/contract';
import { leadResponse } from '@groundbreak/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Modal } from 'antd';
import { useState } from 'react';
import { ReasonModal } from '../../components/reason-modal';
import { describeError } from '../../lib/describe-error';
import { http, isApiError } from '../../lib/http';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { BUTTON_LOADING } from '../projects/button-loading';
import type { GateRefusal } from '../projects/gate-refusal-modal';
import { GateRefusalModal, gateRefusalOf } from '../projects/gate-refusal-modal';
import { RegionTreeSelect } from '../projects/project-inputs';
import { attractionKeys, useClaimLead, useLeadTransition, useReleaseLead } from './api';

// The header's buttons of a lead: 推进到在谈 (through the registry's gate), 认领 from the pool (a 板块 for
// itself; 区商务局/区发改 分配到板块), 退回公海, and the way on to 签约.

/** 认领 by a 板块 user, or 分配到板块 by 区商务局/区发改 (who names the 板块). */
export function ClaimButton({
  lead,
  size,
}: {
  lead: { id: string; name: string; version?: number; profileVersion?: number | null };
  size?: 'small';
}) {
  const { message } = App.useApp();
  const user = useCurrentUser();
  const isSubarea = user.roles.includes('subarea_operator');
  const claim = useClaimLead();
  const queryClient = useQueryClient();

  // A pool list row carries its profile's version; a lead page passes the one it read.
  async function versionOf(): Promise<number> {
    if (lead.version !== undefined) return lead.version;
    if (lead.profileVersion != null) return lead.profileVersion;
    if (isSubarea) return 1;
    const { lead: detail } = await queryClient.fetchQuery({
      queryKey: attractionKeys.lead(lead.id),
      queryFn: ({ signal }) => http.get(`/api/leads/${lead.id}`, { signal, schema: leadResponse }),
      staleTime: 0,
    });
    return detail.profile?.version ?? 1;
  }
  const [isAssigning, setAssigning] = useState(false);
  const [form] = Form.useForm<{ regionId: string }>();

  function handleError(error: unknown) {
    if (isApiError(error) && (error.status === 409 || error.status === 404)) {
      message.warning(`「${lead.name}」已被其他板块认领或已有变化，列表已刷新`);
      return;
    }
    message.error(describeError(error).message);
  }

  if (isSubarea) {
    return (
      <Button
        type="primary"
        size={size}
        loading={claim.isPending && BUTTON_LOADING}
        onClick={(event) => {
          event.stopPropagation();
          void versionOf().then((version) =>
            claim.mutate(
              { id: lead.id, version },
              {
                onSuccess: ({ lead: claimed }) =>
                  message.success(`已认领「${claimed.name}」，归属 ${claimed.regionName}`),
                onError: handleError,
              },
            ),
          );
        }}
      >
        认领
      </Button>
    );
  }
  return (
    <>
      <Button
        size={size}
        onClick={(event) => {
          event.stopPropagation();
          setAssigning(true);
        }}
      >
        分配到板块
      </Button>
      <Modal
        open={isAssigning}
        title={`分配线索「${lead.name}」`}
        okText="分配"
        cancelText="取消"
        confirmLoading={claim.isPending}
        destroyOnHidden
        onCancel={() => setAssigning(false)}
        onOk={() => form.submit()}
        modalRender={(node) => (
          // Clicks inside the dialog must not open the list row behind it.
          // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from bubbling.
          // biome-ignore lint/a11y/useKeyWithClickEvents: only stops the click from bubbling.
          <div onClick={(event) => event.stopPropagation()}>{node}</div>
        )}
      >
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          onFinish={({ regionId }) =>
            void versionOf().then(
              (version) =>
                claim.mutate(
                  { id: lead.id, version, regionId },
                  {
                    onSuccess: ({ lead: claimed }) => {
                      message.success(`已将「${claimed.name}」分配到 ${claimed.regionName}`);
                      setAssigning(false);
                    },
                    onError: handleError,
                  },
                ),
              handleError,
            )
          }
        >
          <Form.Item name="regionId" label="所属板块" rules={[{ required: true, message: '请选择板块' }]}>
            <RegionTreeSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function LeadActions({
  lead,
  onOpenTab,
}: {
  lead: LeadDetail;
  onOpenTab: (tab: 'sign' | 'profile') => void;
}) {
  const { message, modal } = App.useApp();
  const canWrite = useCan('attraction.write');
  // 推进到在谈 is the registry's transition (registry.write): 商务 works leads without it.
  const canTransition = useCan('registry.write');
  const transition = useLeadTransition(lead.id);
  const release = useReleaseLead(lead.id);
  const [refusal, setRefusal] = useState<GateRefusal>();
  const [isReleasing, setReleasing] = useState(false);
  const profile = lead.profile;
  const isMerged = Boolean(profile?.mergedInto);

  async function advance(override?: string) {
    try {
      await transition.mutateAsync({
        type: 'advance',
        to: 'NEGOTIATING',
        version: lead.projectVersion,
        ...(override ? { override: true, reason: override } : {}),
      });
      message.success('已推进到「在谈」');
      setRefusal(undefined);
    } catch (error) {
      const gate = gateRefusalOf(error, 'advance');
      if (gate) setRefusal(gate);
      else message.error(describeError(error).message);
    }
  }

  function confirmAdvance() {
    modal.confirm({
      title: '推进到「在谈」',
      content: '确认该线索已进入实质洽谈？系统会检查：投资方、产业类别、预计总投资和责任单位已填写。',
      okText: '确认推进',
      cancelText: '取消',
      onOk: () => advance(),
    });
  }

  const canAdvance =
    canWrite &&
    canTransition &&
    lead.abilities.edit &&
    lead.state === 'LEAD' &&
    !profile?.inPool &&
    !isMerged;
  return (
    <Flex gap={8} wrap justify="flex-end">
      {lead.abilities.claim && profile && <ClaimButton lead={{ ...lead, version: profile.version }} />}
      {canAdvance && (
        <Button type="primary" icon={<ArrowRightOutlined />} onClick={confirmAdvance}>
          推进到在谈
        </Button>
      )}
      {lead.abilities.sign && lead.state === 'NEGOTIATING' && (
        <Button type="primary" onClick={() => onOpenTab('sign')}>
          去签约
        </Button>
      )}
      {lead.abilities.release && profile && !profile.inPool && (
        <Button onClick={() => setReleasing(true)}>退回公海</Button>
      )}
      <GateRefusalModal
        refusal={refusal}
        onClose={() => setRefusal(undefined)}
        onOverride={(reason) => void advance(reason)}
        isOverriding={transition.isPending}
        onGoFill={() => onOpenTab('profile')}
      />
      <ReasonModal
        open={isReleasing}
        title="退回公海"
        okText="退回公海"
        label="退回原因"
        placeholder="如：企业意向转向其他地区，本板块不再跟进"
        isSaving={release.isPending}
        maxLength={200}
        onCancel={() => setReleasing(false)}
        onSubmit={(reason) =>
          release.mutate(
            { version: profile?.version ?? 1, reason },
            {
              onSuccess: () => {
                message.success(`已将「${lead.name}」退回线索公海`);
                setReleasing(false);
              },
              onError: (error) => message.error(describeError(error).message),
            },
          )
        }
      />
    </Flex>
  );
}
