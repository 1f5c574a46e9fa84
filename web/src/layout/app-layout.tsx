import { Layout } from 'antd';
import { useState } from 'react';
import { Outlet } from 'react-router';
import { AppBreadcrumb } from './app-breadcrumb';
import { SideMenu } from './side-menu';
import { TopBar } from './top-bar';

const HEADER_HEIGHT = 56;

/** The frame of every signed-in page (ui.md "The frame"): top bar, left menu, content. */
export function AppLayout() {
  const [isCollapsed, setCollapsed] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <TopBar />
      <Layout>
        <Layout.Sider
          width={220}
          collapsible
          collapsed={isCollapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{
            position: 'sticky',
            top: HEADER_HEIGHT,
            height: `calc(100vh - ${HEADER_HEIGHT}px)`,
            borderInlineEnd: '1px solid #f0f0f0',
          }}
        >
          {/* Scrolls inside the sider so a long menu never slides under the collapse trigger. */}
          <div style={{ height: '100%', overflowY: 'auto' }}>
            <SideMenu isCollapsed={isCollapsed} />
          </div>
        </Layout.Sider>
        <Layout.Content style={{ padding: '16px 24px 32px', minWidth: 0 }}>
          <AppBreadcrumb />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
