import { pruneReadNotificationsJob } from './notifications/notifications.jobs';
import { notificationRoutes } from './notifications/notifications.routes';
import { referenceRoutes } from './reference/reference.routes';
import type { ModuleDefinition } from './registry';

/** Every feature module of the app. A new module adds its definition here and nowhere else. */
export const MODULES: ModuleDefinition[] = [
  {
    name: 'workbench',
    menu: [{ key: 'workbench', group: 'workbench', label: '工作台', path: '/', order: 0 }],
  },
  {
    name: 'reference',
    routes: referenceRoutes,
    menu: [
      { key: 'system.regions', group: 'system', label: '行政区划', path: '/system/regions', order: 10 },
      { key: 'system.orgs', group: 'system', label: '组织机构', path: '/system/orgs', order: 20 },
      { key: 'system.enterprises', group: 'system', label: '企业库', path: '/system/enterprises', order: 30 },
      { key: 'system.about', group: 'system', label: '关于', path: '/about', order: 90 },
    ],
  },
  {
    name: 'notifications',
    routes: notificationRoutes,
    jobs: [pruneReadNotificationsJob],
  },
];
