import type { RouteObject } from 'react-router';
import type { RouteHandle } from '../../layout/route-handle';
import { MuImportPage } from './mu-import-page';
import { MuListPage } from './mu-list-page';
import { OpenDataPage } from './opendata-page';

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

/** The pages of this feature inside the frame (router.tsx spreads them in): open data and the 亩均 classes. */
export const openDataRoutes: RouteObject[] = [
  {
    path: 'open-data',
    element: <OpenDataPage />,
    handle: handle({ group: 'projects', title: '开放数据（OC4IDS）' }),
  },
  {
    path: 'mu-evaluations',
    element: <MuListPage />,
    handle: handle({ group: 'projects', title: '亩均评价' }),
  },
  {
    path: 'mu-evaluations/import',
    element: <MuImportPage />,
    handle: handle({ group: 'projects', title: '导入亩均评价' }),
  },
];
