import { DownloadOutlined } from '@ant-design/icons';
import type { Project } from '@groundbreak/contract';
import { isPublicProject } from '@groundbreak/domain';
import { Button, Tooltip } from 'antd';
import { useCan } from '../auth/use-current-user';
import { projectOc4idsHref } from './api';

/** The project's OC4IDS download (next to the tabs): only for a public project and a reader of it. */
export function ProjectOc4idsButton({ project }: { project: Project }) {
  const canRead = useCan('project.read');
  const isPublic = isPublicProject({
    state: project.state,
    suspendedFromState: project.suspendedFromState,
    filedOn: project.filedOn,
  });
  if (!canRead || !isPublic) return null;
  return (
    <Tooltip title="按 OC4IDS 开放数据标准导出本项目（JSON，不含任何个人信息）">
      <Button size="small" icon={<DownloadOutlined />} href={projectOc4idsHref(project.id)}>
        开放数据
      </Button>
    </Tooltip>
  );
}
