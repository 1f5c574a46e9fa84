import { Skeleton } from 'antd';
import { useLocation } from 'react-router';
import { NotFoundPage } from '../errors/not-found-page';
import { useNavigation } from './api';
import { ModulePlaceholderPage } from './module-placeholder-page';
import { findExactEntry } from './navigation-lookup';

/**
 * Paths no page handles: a 模块建设中 placeholder when the server's menu lists the path (the module
 * exists on the server's roadmap but not yet in the UI), otherwise 页面不存在.
 */
export function NavigationFallbackPage() {
  const { data, isPending } = useNavigation();
  const { pathname } = useLocation();
  if (isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  const entry = findExactEntry(data, pathname);
  return entry ? <ModulePlaceholderPage entry={entry} /> : <NotFoundPage />;
}
