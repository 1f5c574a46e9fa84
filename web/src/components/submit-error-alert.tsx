import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { versionConflictOf } from '../lib/form-errors';
import { formatDateTime } from '../lib/format';
import { ErrorAlert } from './error-alert';

interface SubmitErrorAlertProps {
  /** What the last save answered; nothing shows while it is undefined. */
  error: unknown;
  /** Loads the record as now saved (keeping the form's input); offered on a 409 VERSION_CONFLICT. */
  onReload?: () => void;
  isReloading?: boolean;
}

/**
 * Why a save failed, above the form's buttons. A 409 says who saved first and when and offers to load
 * their version while the user's input stays in the form (ui.md "Forms").
 */
export function SubmitErrorAlert({ error, onReload, isReloading = false }: SubmitErrorAlertProps) {
  if (!error) return null;
  const conflict = versionConflictOf(error);
  if (!conflict) return <ErrorAlert error={error} title="保存失败" />;

  const who = conflict.updatedBy ? `${conflict.updatedBy} ` : '其他用户';
  const when = conflict.updatedAt ? `于 ${formatDateTime(conflict.updatedAt)} ` : '';
  return (
    <Alert
      type="warning"
      showIcon
      title="保存失败：该记录已被他人修改"
      description={
        <Flex vertical gap={4}>
          <span>
            {who}
            {when}保存了新的内容。您填写的内容仍保留在表单中：请点击"载入最新版本"，核对后再次保存。
          </span>
        </Flex>
      }
      action={
        onReload && (
          <Button size="small" type="primary" loading={isReloading} onClick={onReload}>
            载入最新版本
          </Button>
        )
      }
    />
  );
}

/**
 * The reload a 409 offers, for a form whose record comes from a query: refetch it (the form keeps the user's
 * input; the next save carries the new version), then clear the failed save so the warning goes.
 */
export function useConflictReload(
  refetch: () => Promise<unknown>,
  reset: () => void,
): { onReload: () => void; isReloading: boolean } {
  const [isReloading, setReloading] = useState(false);
  return {
    isReloading,
    onReload: () => {
      setReloading(true);
      void refetch()
        .then(reset)
        .finally(() => setReloading(false));
    },
  };
}
