import type { MenuProps } from 'antd';
import { Button, Flex, Menu, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useNavigation } from '../features/navigation/api';
import type { NavigationGroup } from '../features/navigation/navigation-lookup';
import { findActiveEntry, sortNavigation } from '../features/navigation/navigation-lookup';
import { MENU_GROUP_ICONS } from './menu-icons';

type MenuItems = NonNullable<MenuProps['items']>;

const groupKey = (group: string) => `group:${group}`;

function MenuLabel({ text, isPlanned = false }: { text: string; isPlanned?: boolean }) {
  return (
    <>
      <span data-menu-label>{text}</span>
      {isPlanned && <span style={{ marginInlineStart: 6, fontSize: 12, color: '#8c8c8c' }}>建设中</span>}
    </>
  );
}

// A group with one entry is a plain item named after the group; otherwise a submenu of its entries.
// Every entry's link carries its own label in data-menu-entry, so tests can read the menu either way.
function toMenuItems(groups: NavigationGroup[]): MenuItems {
  return groups.map((group) => {
    const [onlyEntry] = group.entries;
    if (onlyEntry && group.entries.length === 1) {
      return {
        key: onlyEntry.key,
        icon: MENU_GROUP_ICONS[group.group],
        label: (
          <Link to={onlyEntry.path} title={onlyEntry.label} data-menu-entry={onlyEntry.label}>
            <MenuLabel text={group.label} isPlanned={onlyEntry.planned} />
          </Link>
        ),
      };
    }
    return {
      key: groupKey(group.group),
      icon: MENU_GROUP_ICONS[group.group],
      label: <MenuLabel text={group.label} />,
      children: group.entries.map((entry) => ({
        key: entry.key,
        label: (
          <Link to={entry.path} data-menu-entry={entry.label}>
            <MenuLabel text={entry.label} isPlanned={entry.planned} />
          </Link>
        ),
      })),
    };
  });
}

/** The left menu, built from what `GET /api/navigation` offers this user. */
export function SideMenu({ isCollapsed }: { isCollapsed: boolean }) {
  const { data, error, isPending, refetch } = useNavigation();
  const { pathname } = useLocation();
  const groups = useMemo(() => (data ? sortNavigation(data) : []), [data]);
  const items = useMemo(() => toMenuItems(groups), [groups]);
  const active = findActiveEntry(data, pathname);
  const activeGroupKey = active ? groupKey(active.group) : undefined;
  const [openKeys, setOpenKeys] = useState<string[]>([]);

  // Open the submenu of the page being shown, e.g. after following a link from the 工作台.
  useEffect(() => {
    if (activeGroupKey)
      setOpenKeys((keys) => (keys.includes(activeGroupKey) ? keys : [...keys, activeGroupKey]));
  }, [activeGroupKey]);

  if (isPending) {
    return (
      <div style={{ padding: 16 }}>
        <Skeleton active title={false} paragraph={{ rows: 8 }} />
      </div>
    );
  }
  if (error) {
    return (
      <Flex vertical gap={8} style={{ padding: 16 }}>
        <Typography.Text type="danger">菜单加载失败</Typography.Text>
        <Button size="small" onClick={() => refetch()}>
          重试
        </Button>
      </Flex>
    );
  }
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={active ? [active.key] : []}
      {...(isCollapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
