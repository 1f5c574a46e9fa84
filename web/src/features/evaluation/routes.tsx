import type { RouteObject } from 'react-router';
import type { RouteHandle } from '../../layout/route-handle';
import { ActionsPage } from './actions-page';
import { CompletionPage } from './completion-page';
import { EvaluationPage } from './evaluation-page';
import { EvaluationsPage } from './evaluations-page';
import { EvaluationSettingsPage } from './settings-page';

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

/** The pages of this feature inside the frame (router.tsx spreads them in). */
export const evaluationRoutes: RouteObject[] = [
  {
    path: 'completion',
    element: <CompletionPage />,
    handle: handle({ group: 'projects', title: '竣工即发证' }),
  },
  {
    path: 'evaluations',
    element: <EvaluationsPage />,
    handle: handle({ group: 'projects', title: '后评价' }),
  },
  {
    path: 'evaluations/actions',
    element: <ActionsPage />,
    handle: handle({ group: 'projects', title: '优化措施' }),
  },
  {
    path: 'evaluations/settings',
    element: <EvaluationSettingsPage />,
    handle: handle({ group: 'projects', title: '后评价指标与设置' }),
  },
  {
    path: 'evaluations/:id',
    element: <EvaluationPage />,
    handle: handle({ group: 'projects', title: '评价详情' }),
  },
];
