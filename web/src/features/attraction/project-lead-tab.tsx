import type { Project } from '@groundbreak/contract';
import { INVESTOR_ORIGIN_LABELS, LEAD_SOURCE_LABELS } from '@groundbreak/contract';
import type { DescriptionsProps } from 'antd';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { isForbidden, isNotFound } from '../../lib/error-kinds';
import { EMPTY_VALUE, formatDate, formatNumber } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useLead } from './api';
import { formatInvestment, GradeTag } from './lead-parts';
import { ReviewResultTag } from './lead-review-tab';
import { CommitmentsView } from './sign-parts';

/** The project's 招商 tab: its lead profile, grade, latest review and commitments, and the way to the lead page. */
export function ProjectLeadTab({ project }: { project: Project }) {
  const canRead = useCan('attraction.read');
  const navigate = useNavigate();
  const lead = useLead(project.id, canRead);
  if (!canRead) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无权查看招商信息" />;
  if (lead.isPending) return <Skeleton active />;
  if (!lead.data) {
    if (isForbidden(lead.error) || isNotFound(lead.error)) {
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该项目没有招商信息" />;
    }
    return <ErrorAlert error={lead.error} onRetry={() => void lead.refetch()} />;
  }
  const l = lead.data;
  const p = l.profile;
  const leadLink = (
    <Button type="primary" onClick={() => navigate(`/attraction/leads/${l.id}`)}>
      打开招商线索
    </Button>
  );
  if (!p && !l.commitments) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该项目尚未建立招商档案">
        {(l.state === 'LEAD' || l.state === 'NEGOTIATING') && l.abilities.edit && (
          <Button type="primary" onClick={() => navigate(`/attraction/leads/${l.id}`)}>
            建立招商档案
          </Button>
        )}
      </Empty>
    );
  }
  const items: DescriptionsProps['items'] = p
    ? [
        { key: 'company', label: '投资方', children: p.companyName },
        { key: 'group', label: '所属集团', children: p.investorGroup ?? EMPTY_VALUE },
        {
          key: 'origin',
          label: '投资来源地',
          children: p.investorOrigin ? INVESTOR_ORIGIN_LABELS[p.investorOrigin] : EMPTY_VALUE,
        },
        { key: 'product', label: '意向产品', children: p.intendedProduct ?? EMPTY_VALUE },
        { key: 'investment', label: '预计总投资', children: formatInvestment(l.totalInvestment) },
        {
          key: 'land',
          label: '用地需求',
          children: p.estimatedLandMu === null ? EMPTY_VALUE : `${formatNumber(p.estimatedLandMu)} 亩`,
        },
        { key: 'source', label: '招商来源', children: LEAD_SOURCE_LABELS[p.source] },
        { key: 'owner', label: '招商负责人', children: p.ownerName ?? EMPTY_VALUE },
        {
          key: 'registered',
          label: '登记',
          children: `${p.registeredRegionName} 于 ${formatDate(p.registeredOn)}`,
        },
        {
          key: 'grade',
          label: '评级',
          children: (
            <Flex gap={8} align="center">
              <GradeTag grade={p.grade} score={p.score} />
              {p.score !== null && <span>{formatNumber(p.score, 1)} 分</span>}
            </Flex>
          ),
        },
        {
          key: 'review',
          label: '最近评审',
          children: l.latestReview ? (
            <Flex gap={8} align="center" wrap>
              <span>
                {l.latestReview.meetingName}（{formatDate(l.latestReview.meetingOn)}）
              </span>
              <ReviewResultTag result={l.latestReview.result} />
            </Flex>
          ) : (
            '未评审'
          ),
        },
      ]
    : [];
  return (
    <Flex vertical gap={16} data-testid="project-lead-tab">
      {p && (
        <Card size="small" variant="borderless" title="招商档案" extra={leadLink}>
          <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small" items={items} />
        </Card>
      )}
      <Card
        size="small"
        variant="borderless"
        title="承诺指标"
        extra={!p && leadLink}
        data-testid="commitments"
      >
        {l.commitments ? (
          <CommitmentsView commitments={l.commitments} />
        ) : (
          <Typography.Text type="secondary">尚未签约</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}
