import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { useCan } from '../auth/use-current-user';
import { PoolRulesEditor } from './pool-rules-editor';
import { ScorecardEditor } from './scorecard-editor';

// 评分卡与分配规则: the scorecard and the ordered pool-assignment rules, one tab each. 区商务局 and 区发改
// (attraction.admin) edit; everyone else reads.

export function SettingsPage() {
  const canEdit = useCan('attraction.admin');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'rules' ? 'rules' : 'scorecard';
  return (
    <PageContainer
      title="评分卡与分配规则"
      description={
        canEdit
          ? '线索评分卡和公海线索的分配规则；修改后对之后的评分和分配生效'
          : '只读：由区商务局、区发改维护'
      }
    >
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'rules' ? { tab: 'rules' } : {}, { replace: true })}
          items={[
            { key: 'scorecard', label: '评分卡', children: <ScorecardEditor canEdit={canEdit} /> },
            { key: 'rules', label: '分配规则', children: <PoolRulesEditor canEdit={canEdit} /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
