import { createBrowserRouter } from 'react-router';
import { AboutPage } from './features/about/about-page';
import { EnterpriseListPage } from './features/enterprises/enterprise-list-page';
import { ForbiddenPage } from './features/errors/forbidden-page';
import { RouteErrorPage } from './features/errors/route-error-page';
import { NavigationFallbackPage } from './features/navigation/navigation-fallback-page';
import { OrgListPage } from './features/orgs/org-list-page';
import { RegionTreePage } from './features/regions/region-tree-page';
import { WorkbenchPage } from './features/workbench/workbench-page';
import { AppLayout } from './layout/app-layout';
import type { RouteHandle } from './layout/route-handle';

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <AppLayout />,
      // The frame itself failed: a full-page error.
      errorElement: <RouteErrorPage />,
      children: [
        {
          // A page failed: the error shows inside the frame, the menu stays usable.
          errorElement: <RouteErrorPage />,
          children: [
            {
              index: true,
              element: <WorkbenchPage />,
              handle: handle({ group: 'workbench', title: '工作台' }),
            },
            { path: 'about', element: <AboutPage />, handle: handle({ title: '关于本系统' }) },
            {
              path: 'system/regions',
              element: <RegionTreePage />,
              handle: handle({ group: 'system', title: '行政区划' }),
            },
            {
              path: 'system/orgs',
              element: <OrgListPage />,
              handle: handle({ group: 'system', title: '组织机构' }),
            },
            {
              path: 'system/enterprises',
              element: <EnterpriseListPage />,
              handle: handle({ group: 'system', title: '企业库' }),
            },
            { path: '403', element: <ForbiddenPage />, handle: handle({ title: '无权访问' }) },
            { path: '*', element: <NavigationFallbackPage /> },
          ],
        },
      ],
    },
  ]);
}
