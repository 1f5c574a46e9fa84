import type { MenuEntry, MenuGroup } from '@groundbreak/contract';
import { MENU_GROUP_LABELS } from '@groundbreak/contract';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** What each lifecycle module will bring, so the placeholder tells users what to expect here. */
const MODULE_PREVIEWS: Record<MenuGroup, string> = {
  workbench: '逾期和即将到期的待办事项',
  projects: '项目储备、入库和项目全生命周期档案',
  attraction: '招商线索登记、洽谈跟踪和签约落地',
  land: '地块信息、用地清单和供地进度',
  approvals: '审批事项清单、并联审批进度和帮办代办',
  scheduling: '年度计划、倒排计划、月报填报和调度会',
  problems: '问题清单的交办、督办和销号',
  statistics: '投资完成、开工率等指标统计、排名和简报',
  campaigns: '专项行动任务分解、现场检查和进度跟踪',
  system: '用户、角色和基础数据维护',
};

/** A menu entry the server lists whose module has not been built into the UI yet. */
export function ModulePlaceholderPage({ entry }: { entry: MenuEntry }) {
  const navigate = useNavigate();
  const groupLabel = MENU_GROUP_LABELS[entry.group];
  const moduleName = groupLabel === entry.label ? groupLabel : `${groupLabel} · ${entry.label}`;
  return (
    <Result
      status="info"
      title="模块建设中"
      subTitle={`「${moduleName}」正在建设中，上线后可在这里办理${MODULE_PREVIEWS[entry.group]}。`}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
