import {
  MENU_GROUP_LABELS,
  MENU_GROUPS,
  type MenuEntry,
  type Navigation,
  type TodoItem,
  type Workbench,
} from '@groundbreak/contract';
import type { ModuleDefinition, Principal } from '../registry';

// Modules that are planned but not built yet keep their place in the frame so that users see the whole
// lifecycle from day one; their pages say which module brings them. A built module replaces its entry.
const PLANNED: Omit<MenuEntry, 'planned'>[] = [
  { key: 'projects', group: 'projects', label: '项目库', path: '/projects', order: 10 },
  { key: 'attraction', group: 'attraction', label: '招商线索', path: '/attraction', order: 10 },
  { key: 'land', group: 'land', label: '土地资源台账', path: '/land', order: 10 },
  { key: 'approvals', group: 'approvals', label: '审批事项', path: '/approvals', order: 10 },
  { key: 'scheduling', group: 'scheduling', label: '月报与亮灯', path: '/scheduling', order: 10 },
  { key: 'problems', group: 'problems', label: '问题清单', path: '/problems', order: 10 },
  { key: 'statistics', group: 'statistics', label: '领导驾驶舱', path: '/statistics', order: 10 },
  { key: 'campaigns', group: 'campaigns', label: '城中村专项行动', path: '/campaigns', order: 10 },
];

const DUE_SOON_DAYS = 7;

export function createNavigationService(modules: ModuleDefinition[]) {
  const built = modules.flatMap((m) => m.menu ?? []);
  const builtGroups = new Set(built.map((e) => e.group));
  const entries: MenuEntry[] = [
    ...built.map((e) => ({ ...e, planned: false })),
    ...PLANNED.filter((e) => !builtGroups.has(e.group)).map((e) => ({ ...e, planned: true })),
  ];
  const navigation: Navigation = {
    groups: MENU_GROUPS.map((group) => ({
      group,
      label: MENU_GROUP_LABELS[group],
      entries: entries.filter((e) => e.group === group).sort((a, b) => a.order - b.order),
    })).filter((g) => g.entries.length > 0),
  };
  const providers = modules.flatMap((m) => (m.todos ? [m.todos] : []));

  return {
    navigation(): Navigation {
      return navigation;
    },

    /** The caller's to-dos from every module, split into overdue, due within 7 days, and the rest. */
    async workbench(principal: Principal | null, now: Date, today: string): Promise<Workbench> {
      const items: TodoItem[] = principal
        ? (await Promise.all(providers.map((p) => p({ principal, now })))).flat()
        : [];
      const soonLimit = addDays(today, DUE_SOON_DAYS);
      const byDue = (a: TodoItem, b: TodoItem) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999');
      return {
        asOf: today,
        overdue: items.filter((i) => i.overdue).sort(byDue),
        dueSoon: items.filter((i) => !i.overdue && i.dueOn !== null && i.dueOn <= soonLimit).sort(byDue),
        later: items.filter((i) => !i.overdue && (i.dueOn === null || i.dueOn > soonLimit)).sort(byDue),
      };
    },
  };
}

function addDays(localDate: string, days: number): string {
  const d = new Date(`${localDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
