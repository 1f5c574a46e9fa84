import type { LeadDetail } from '@groundbreak/contract';
import { Alert, Button, Card, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ForbiddenResult } from '../../components/forbidden-result';
import { isForbidden, isNotFound } from '../../lib/error-kinds';
import { formatDate } from '../../lib/format';
import { isApiError } from '../../lib/http';
import { ProjectStateTag } from '../projects/project-tags';
import { useLead } from './api';
import { LeadActions } from './lead-actions';
import { ActivitiesTab } from './lead-activities-tab';
import { ContactsTab } from './lead-contacts-tab';
import { MergeButton } from './lead-merge';
import { DuplicateAlert, formatInvestment, GradeTag } from './lead-parts';
import { ProfileTab } from './lead-profile-tab';
import { ReviewTab } from './lead-review-tab';
import { ScoreTab } from './lead-score-tab';
import { SignTab } from './lead-sign-tab';

// One lead: who invests in what and where it stands (state, grade, 所属板块 or 公海), the duplicate warning
// with 合并 for 区商务局/区发改, and the tabs of the pipeline — 基本情况 · 跟进记录 · 联系人 · 评分 · 项目评审 · 签约.

const TABS = ['profile', 'activities', 'contacts', 'score', 'review', 'sign'] as const;
type TabKey = (typeof TABS)[number];

function LeadMissing({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const navigate = useNavigate();
  if (isForbidden(error)) return <ForbiddenResult />;
  if (isNotFound(error) || (isApiError(error) && error.status === 400)) {
    return (
      <Result
        status="404"
        title="线索不存在"
        subTitle="该线索可能已被删除，或不在您的数据范围内。"
        extra={
          <Button type="primary" onClick={() => navigate('/attraction/leads')}>
            返回招商线索
          </Button>
        }
      />
    );
  }
  return <ErrorAlert error={error} onRetry={onRetry} />;
}

function LeadHeader({ lead, onOpenTab }: { lead: LeadDetail; onOpenTab: (tab: TabKey) => void }) {
  const p = lead.profile;
  return (
    <Card variant="borderless" size="small">
      <Flex justify="space-between" gap={16} wrap align="flex-start">
        <Flex vertical gap={6} style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Space wrap size={[8, 4]}>
            <Typography.Title
              level={4}
              style={{ margin: 0, wordBreak: 'break-word' }}
              data-testid="lead-name"
            >
              {lead.name}
            </Typography.Title>
            <span data-testid="lead-state">
              <ProjectStateTag state={lead.state} />
            </span>
            <GradeTag grade={p?.grade ?? null} score={p?.score} />
            {p?.inPool ? (
              <Tag color="purple" data-testid="lead-region">
                公海
              </Tag>
            ) : (
              <Tag data-testid="lead-region">{lead.regionName}</Tag>
            )}
            {lead.isDemo && <Tag>演示</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {[
              lead.internalNo,
              p?.companyName,
              lead.totalInvestment !== null ? `预计投资 ${formatInvestment(lead.totalInvestment)}` : null,
              p ? `${p.registeredRegionName} 于 ${formatDate(p.registeredOn)} 登记` : null,
              p?.ownerName ? `负责人 ${p.ownerName}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          <Typography.Text type="secondary">
            <Link to={`/projects/${lead.id}`}>打开项目页面</Link>
          </Typography.Text>
        </Flex>
        <LeadActions lead={lead} onOpenTab={onOpenTab} />
      </Flex>
    </Card>
  );
}

export function LeadPage() {
  const { id = '' } = useParams();
  const lead = useLead(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabKey = TABS.find((key) => key === requested) ?? 'profile';

  function openTab(key: string) {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (key === 'profile') next.delete('tab');
        else next.set('tab', key);
        return next;
      },
      { replace: true },
    );
  }

  if (lead.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!lead.data) return <LeadMissing error={lead.error} onRetry={() => void lead.refetch()} />;
  const current = lead.data;
  const merged = current.profile?.mergedInto;
  const isLead = current.state === 'LEAD' || current.state === 'NEGOTIATING';

  const items = [
    { key: 'profile', label: '基本情况', children: <ProfileTab lead={current} /> },
    { key: 'activities', label: '跟进记录', children: <ActivitiesTab lead={current} /> },
    { key: 'contacts', label: '联系人', children: <ContactsTab lead={current} /> },
    { key: 'score', label: '评分', children: <ScoreTab lead={current} /> },
    { key: 'review', label: '项目评审', children: <ReviewTab lead={current} /> },
    { key: 'sign', label: '签约', children: <SignTab lead={current} /> },
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      {lead.error ? (
        <ErrorAlert error={lead.error} title="刷新失败" onRetry={() => void lead.refetch()} />
      ) : null}
      <LeadHeader lead={current} onOpenTab={openTab} />
      {merged && (
        <Alert
          type="info"
          showIcon
          data-testid="merged-alert"
          title={
            <span>
              本线索已作为重复线索合并到 <Link to={`/attraction/leads/${merged.id}`}>{merged.name}</Link>
              {current.profile?.mergedAt ? `（${formatDate(current.profile.mergedAt)}）` : ''}
            </span>
          }
        />
      )}
      {!merged && current.possibleDuplicate && (
        <DuplicateAlert duplicates={current.duplicates} action={<MergeButton lead={current} />} />
      )}
      {!isLead && !merged && (
        <Alert
          type="success"
          showIcon
          title={
            <span>
              项目已进入后续阶段，招商信息仅供查阅；项目推进请到{' '}
              <Link to={`/projects/${current.id}`}>项目页面</Link>
            </span>
          }
        />
      )}
      <Tabs activeKey={tab} onChange={openTab} items={items} />
    </Flex>
  );
}
