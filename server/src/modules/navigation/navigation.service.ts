import {
  MENU_GROUP_LABELS,
  MENU_GROUPS,
  type MenuEntry,
  type Navigation,
  type TodoItem,
  type Workbench,
} from '@groundbreak/contract';
import type { Db } from '../../db/database';
import type { ModuleDefinition, Principal } from '../registry';

// Modules that are planned but not built yet keep their place in the frame so that users see the whole
// lifecycle from day one; their pages say which module brings them. A built module replaces its entry.
const PLANNED: Omit<MenuEntry, 'planned'>[] = (
  [
    ['projects', '项目库', '/projects'],
    ['attraction', '招商线索', '/attraction'],
    ['land', '土地资源台账', '/land'],
    ['approvals', '审批事项', '/approvals'],
    ['scheduling', '月报与亮灯', '/scheduling'],
    ['problems', '问题清单', '/problems'],
    ['statistics', '领导驾驶舱', '/statistics'],
    ['campaigns', '城中村专项行动', '/campaigns'],
  ] as const
).map(([group, label, path]) => ({ key: group, group, label, path, order: 10, action: 'project.read' }));

const DUE_SOON_DAYS = 7;

export function createNavigationService(modules: ModuleDefinition[], db: Db) {
  const built = modules.flatMap((m) => m.menu ?? []);
  const builtGroups = new Set(built.map((e) => e.group));
  const entries: MenuEntry[] = [
    ...built.map((e) => ({ ...e, planned: false })),
    ...PLANNED.filter((e) => !builtGroups.has(e.group)).map((e) => ({ ...e, planned: true })),
  ];
  const sorted = [...entries].sort((a, b) => a.order - b.order);
  const providers = modules.flatMap((m) => (m.todos ? [m.todos] : []));

  return {
    /** The menu this user may see: entries without an action, or whose action the user holds. */
    navigation(principal: Principal): Navigation {
      const visible = sorted.filter((e) => !e.action || principal.actions.has(e.action as never));
      return {
        groups: MENU_GROUPS.map((group) => ({
          group,
          label: MENU_GROUP_LABELS[group],
          entries: visible.filter((e) => e.group === group),
        })).filter((g) => g.entries.length > 0),
      };
    },

    /** The caller's to-dos from every module, split into overdue, due within 7 days, and the rest. */
    async workbench(principal: Principal, now: Date, today: string): Promise<Workbench> {
      const items: TodoItem[] = (await Promise.all(providers.map((p) => p({ principal, now, db })))).flat();
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
