import type { MenuEntry, MenuGroup, Navigation } from '@groundbreak/contract';
import { MENU_GROUPS } from '@groundbreak/contract';

export type NavigationGroup = Navigation['groups'][number];

/** Groups in lifecycle order (ui.md), 工作台 first, entries by their `order`; empty groups dropped. */
export function sortNavigation(navigation: Navigation): NavigationGroup[] {
  const rank = (group: MenuGroup) => MENU_GROUPS.indexOf(group);
  return [...navigation.groups]
    .filter((group) => group.entries.length > 0)
    .sort((a, b) => rank(a.group) - rank(b.group))
    .map((group) => ({ ...group, entries: [...group.entries].sort((a, b) => a.order - b.order) }));
}

function normalizePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function isUnder(pathname: string, entryPath: string): boolean {
  const path = normalizePath(entryPath);
  if (path === '/') return pathname === '/';
  return pathname === path || pathname.startsWith(`${path}/`);
}

/** The entry whose path is the longest prefix of `pathname` (a detail page keeps its list selected). */
export function findActiveEntry(navigation: Navigation | undefined, pathname: string): MenuEntry | undefined {
  if (!navigation) return undefined;
  const current = normalizePath(pathname);
  let best: MenuEntry | undefined;
  for (const group of navigation.groups) {
    for (const entry of group.entries) {
      if (!isUnder(current, entry.path)) continue;
      if (!best || entry.path.length > best.path.length) best = entry;
    }
  }
  return best;
}

/** The entry whose path is exactly `pathname`. */
export function findExactEntry(navigation: Navigation | undefined, pathname: string): MenuEntry | undefined {
  const current = normalizePath(pathname);
  return navigation?.groups
    .flatMap((group) => group.entries)
    .find((entry) => normalizePath(entry.path) === current);
}
