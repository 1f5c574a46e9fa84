import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';

interface ListActionsProps {
  onCreate?: () => void;
  onImport?: () => void;
  onExport?: () => void;
  /** False hides 新建 for users whose role may not create records here (rather than greying it out). */
  canCreate?: boolean;
  /** Said on the disabled buttons of actions a module does not offer yet. */
  unavailableReason?: string;
}

function ActionButton(props: {
  label: string;
  icon: ReactNode;
  isPrimary?: boolean;
  onClick: (() => void) | undefined;
  unavailableReason: string;
}) {
  const button = (
    <Button
      type={props.isPrimary ? 'primary' : 'default'}
      icon={props.icon}
      disabled={!props.onClick}
      onClick={props.onClick}
    >
      {props.label}
    </Button>
  );
  return props.onClick ? button : <Tooltip title={props.unavailableReason}>{button}</Tooltip>;
}

/** The standard 新建 / 导入 / 导出 buttons of a list toolbar; an action without a handler is disabled. */
export function ListActions({
  onCreate,
  onImport,
  onExport,
  canCreate = true,
  unavailableReason = '功能建设中',
}: ListActionsProps) {
  return (
    <>
      {canCreate && (
        <ActionButton
          label="新建"
          icon={<PlusOutlined />}
          isPrimary
          onClick={onCreate}
          unavailableReason={unavailableReason}
        />
      )}
      <ActionButton
        label="导入"
        icon={<UploadOutlined />}
        onClick={onImport}
        unavailableReason={unavailableReason}
      />
      <ActionButton
        label="导出"
        icon={<DownloadOutlined />}
        onClick={onExport}
        unavailableReason={unavailableReason}
      />
    </>
  );
}
