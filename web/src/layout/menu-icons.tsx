import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { MenuGroup } from '@groundbreak/contract';
import type { ReactNode } from 'react';

export const MENU_GROUP_ICONS: Record<MenuGroup, ReactNode> = {
  workbench: <DesktopOutlined />,
  projects: <ProjectOutlined />,
  attraction: <AimOutlined />,
  land: <EnvironmentOutlined />,
  approvals: <AuditOutlined />,
  scheduling: <ScheduleOutlined />,
  problems: <AlertOutlined />,
  statistics: <BarChartOutlined />,
  campaigns: <FlagOutlined />,
  system: <SettingOutlined />,
};
