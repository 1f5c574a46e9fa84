import type { LeadDetail } from '@groundbreak/contract';
import { leadResponse } from '@groundbreak/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Modal, Radio, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { describeError } from '../../lib/describe-error';
import { formatDate } from '../../lib/format';
import { http } from '../../lib/http';
import { ProjectStateTag } from '../projects/project-tags';
import { attractionKeys, useDuplicateCandidates } from './api';
import { GradeTag } from './lead-parts';

// 合并 (区商务局/区发改): the leads of the same investor side by side — which 板块, since when, how far worked —
// the user picks the one to keep; the other is terminated as a duplicate and points to the kept one.

interface Side {
  id: string;
  name: string;
  regionName: string;
  registeredOn: string | null;
}

export function MergeButton({ lead }: { lead: LeadDetail }) {
  const [isOpen, setOpen] = useState(false);
  if (!lead.abilities.merge) return null;
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        合并
      </Button>
      {isOpen && <MergeModal lead={lead} onClose={() => setOpen(false)} />}
    </>
  );
}

function MergeModal({ lead, onClose }: { lead: LeadDetail; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const candidates = useDuplicateCandidates(lead.id, true);
  const [otherId, setOtherId] = useState<string>();
  const [keepId, setKeepId] = useState<string>();
  const [isMerging, setMerging] = useState(false);
  const items = candidates.data ?? [];
  const other = items.find((c) => c.id === otherId) ?? (items.length === 1 ? items[0] : undefined);
  const self: Side = {
    id: lead.id,
    name: lead.name,
    regionName: lead.profile?.inPool ? '公海' : lead.regionName,
    registeredOn: lead.profile?.registeredOn ?? null,
  };

  async function merge(keep: Side, away: Side) {
    setMerging(true);
    try {
      // The lead merged away carries its own profile version: fetch it when it is the other one.
      const version =
        away.id === lead.id
          ? (lead.profile?.version ?? 1)
          : ((
              await queryClient.fetchQuery({
                queryKey: attractionKeys.lead(away.id),
                queryFn: ({ signal }) => http.get(`/api/leads/${away.id}`, { signal, schema: leadResponse }),
                staleTime: 0,
              })
            ).lead.profile?.version ?? 1);
      await http.post(`/api/leads/${away.id}/merge`, {
        body: { intoId: keep.id, version },
        schema: leadResponse,
      });
      await queryClient.invalidateQueries({ queryKey: attractionKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      message.success(`已合并：保留「${keep.name}」，「${away.name}」已标记为重复线索`);
      onClose();
      navigate(`/attraction/leads/${keep.id}`);
    } catch (error) {
      message.error(describeError(error).message);
    } finally {
      setMerging(false);
    }
  }

  function handleOk() {
    if (!other || !keepId) return;
    const otherSide: Side = {
      id: other.id,
      name: other.name,
      regionName: other.inPool ? '公海' : other.regionName,
      registeredOn: other.registeredOn,
    };
    const keep = keepId === self.id ? self : otherSide;
    const away = keepId === self.id ? otherSide : self;
    modal.confirm({
      title: '确认合并',
      content: `保留「${keep.name}」（${keep.regionName}），「${away.name}」（${away.regionName}）将终止并标记为重复线索，指向保留的线索。合并后不能撤销。`,
      okText: '确认合并',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => merge(keep, away),
    });
  }

  return (
    <Modal
      open
      width={720}
      title="合并重复线索"
      okText="合并"
      cancelText="取消"
      okButtonProps={{ disabled: !other || !keepId, loading: isMerging }}
      onCancel={onClose}
      onOk={handleOk}
      destroyOnHidden
    >
      <Flex vertical gap={12} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          以下线索与本线索的投资方企业名称或统一社会信用代码相同。请选择要保留的线索，另一条将终止并标记为重复。
        </Typography.Text>
        {candidates.error ? (
          <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : null}
        {candidates.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有找到重复的线索（可能已被合并）" />
        ) : (
          <>
            {items.length > 1 && (
              <Radio.Group
                value={other?.id}
                onChange={(event) => setOtherId(event.target.value as string)}
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                options={items.map((c) => ({
                  value: c.id,
                  label: `${c.name}（${c.inPool ? '公海' : c.regionName}）`,
                }))}
              />
            )}
            {other && (
              <Radio.Group
                value={keepId}
                onChange={(event) => setKeepId(event.target.value as string)}
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                aria-label="保留的线索"
              >
                <Radio value={self.id} data-testid="keep-self">
                  <Flex vertical gap={2}>
                    <span>
                      保留本线索「{self.name}」 <Tag>{self.regionName}</Tag>
                      <ProjectStateTag state={lead.state} />
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {self.registeredOn ? `${formatDate(self.registeredOn)} 登记` : ''}
                      {lead.profile?.ownerName ? ` · 负责人 ${lead.profile.ownerName}` : ''}
                    </Typography.Text>
                  </Flex>
                </Radio>
                <Radio value={other.id} data-testid="keep-other">
                  <Flex vertical gap={2}>
                    <span>
                      保留「{other.name}」 <Tag>{other.inPool ? '公海' : other.regionName}</Tag>
                      <ProjectStateTag state={other.state} />{' '}
                      <GradeTag grade={other.grade} score={other.score} />
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {other.registeredOn ? `${formatDate(other.registeredOn)} 登记` : ''}
                      {other.ownerName ? ` · 负责人 ${other.ownerName}` : ''}
                      {` · 相同的${other.matchedBy.map((m) => (m === 'uscc' ? '统一社会信用代码' : '企业名称')).join('和')}`}
                    </Typography.Text>
                  </Flex>
                </Radio>
              </Radio.Group>
            )}
            <Alert type="info" showIcon title="一般保留登记更早、跟进更充分的线索。" />
          </>
        )}
      </Flex>
    </Modal>
  );
}
