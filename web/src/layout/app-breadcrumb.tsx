import { HomeOutlined } from '@ant-design/icons';
import { MENU_GROUP_LABELS } from '@groundbreak/contract';
import { Breadcrumb } from 'antd';
import { Link, useLocation, useMatches } from 'react-router';
import { useNavigation } from '../features/navigation/api';
import { findActiveEntry } from '../features/navigation/navigation-lookup';
import { isRouteHandle } from './route-handle';

const trimmed = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
const isExactly = (entryPath: string, pathname: string) => trimmed(entryPath) === trimmed(pathname);

/** 首页 / group / page, from the server's menu, or from the route's own handle when the menu lacks it. */
export function AppBreadcrumb() {
  const { data } = useNavigation();
  const { pathname } = useLocation();
  const matches = useMatches();
  if (pathname === '/') return null;

  const entry = findActiveEntry(data, pathname);
  const handle = [...matches].reverse().find((match) => isRouteHandle(match.handle))?.handle;
  const crumb = isRouteHandle(handle) ? handle.crumb : undefined;
  const group = entry?.group ?? crumb?.group;
  // A page below a menu entry (a detail or a 新建 page) names itself after the entry's link: 项目库 / 项目详情.
  const isBelowEntry = entry !== undefined && crumb !== undefined && !isExactly(entry.path, pathname);
  const title = isBelowEntry ? crumb.title : (entry?.label ?? crumb?.title);
  // Pages the app does not know (404) get no trail: a lone home icon would only add noise.
  if (!title) return null;

  const items = [
    {
      key: 'home',
      title: (
        <Link to="/" aria-label="工作台">
          <HomeOutlined />
        </Link>
      ),
    },
    ...(group && group !== 'workbench' ? [{ key: 'group', title: MENU_GROUP_LABELS[group] }] : []),
    ...(isBelowEntry ? [{ key: 'entry', title: <Link to={entry.path}>{entry.label}</Link> }] : []),
    { key: 'page', title },
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}
