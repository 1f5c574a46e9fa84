import type { RouteObject } from 'react-router';
import type { RouteHandle } from '../../layout/route-handle';
import { FunnelPage } from './funnel-page';
import { LeadCreatePage } from './lead-create-page';
import { LeadPage } from './lead-page';
import { LeadsPage } from './leads-page';
import { PoolPage } from './pool-page';
import { SettingsPage } from './settings-page';

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

/** The pages of this feature inside the frame (router.tsx spreads them in). */
export const attractionRoutes: RouteObject[] = [
  {
    path: 'attraction/leads',
    element: <LeadsPage />,
    handle: handle({ group: 'attraction', title: '招商线索' }),
  },
  {
    path: 'attraction/leads/new',
    element: <LeadCreatePage />,
    handle: handle({ group: 'attraction', title: '登记线索' }),
  },
  {
    path: 'attraction/leads/:id',
    element: <LeadPage />,
    handle: handle({ group: 'attraction', title: '线索详情' }),
  },
  {
    path: 'attraction/pool',
    element: <PoolPage />,
    handle: handle({ group: 'attraction', title: '线索公海' }),
  },
  {
    path: 'attraction/funnel',
    element: <FunnelPage />,
    handle: handle({ group: 'attraction', title: '招商漏斗' }),
  },
  {
    path: 'attraction/settings',
    element: <SettingsPage />,
    handle: handle({ group: 'attraction', title: '评分卡与分配规则' }),
  },
];
