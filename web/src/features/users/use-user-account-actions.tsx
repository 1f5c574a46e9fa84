import type { UserSummary } from '@groundbreak/contract';
import { App } from 'antd';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { versionConflictOf } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useDisableUser, useEnableUser, useEndSessions, useResetMfa, useResetPassword } from './api';
import type { TemporaryPassword } from './temporary-password-modal';

function failureText(action: string, error: unknown): string {
  const conflict = versionConflictOf(error);
  if (conflict) {
    const who = conflict.updatedBy ? `${conflict.updatedBy} ` : '其他管理员';
    const when = conflict.updatedAt ? `于 ${formatDateTime(conflict.updatedAt)} ` : '';
    return `${action}失败：该用户已被${who}${when}修改，列表已刷新，请核对后重试`;
  }
  return `${action}失败：${describeError(error).message}`;
}

/**
 * 停用 / 启用 / 重置密码 of one account, each confirmed first; the temporary password of a reset comes
 * back for the one-time dialog.
 */
export function useUserAccountActions() {
  const { modal, message } = App.useApp();
  const disableUser = useDisableUser();
  const enableUser = useEnableUser();
  const resetPassword = useResetPassword();
  const endSessions = useEndSessions();
  const resetMfa = useResetMfa();
  const [temporaryPassword, setTemporaryPassword] = useState<TemporaryPassword>();

  function confirmDisable(user: UserSummary) {
    modal.confirm({
      title: `停用用户「${user.displayName}」？`,
      content: '停用后该用户的所有会话立即失效，且无法再登录，直到重新启用。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        disableUser
          .mutateAsync(user)
          .then(() => message.success(`已停用用户 ${user.username}`))
          .catch((error: unknown) => message.error(failureText('停用', error))),
    });
  }

  function confirmEnable(user: UserSummary) {
    modal.confirm({
      title: `启用用户「${user.displayName}」？`,
      content: '启用后该用户可以再次登录，角色和数据范围保持不变。',
      okText: '启用',
      cancelText: '取消',
      onOk: () =>
        enableUser
          .mutateAsync(user)
          .then(() => message.success(`已启用用户 ${user.username}`))
          .catch((error: unknown) => message.error(failureText('启用', error))),
    });
  }

  function confirmResetPassword(user: UserSummary) {
    modal.confirm({
      title: `重置「${user.displayName}」的密码？`,
      content: '重置后原密码立即失效，系统生成一个临时密码，用户用它登录后须修改密码。',
      okText: '重置密码',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        resetPassword
          .mutateAsync(user)
          .then((result) =>
            setTemporaryPassword({
              title: '密码已重置',
              username: result.user.username,
              displayName: result.user.displayName,
              password: result.temporaryPassword,
            }),
          )
          .catch((error: unknown) => message.error(failureText('重置密码', error))),
    });
  }

  function confirmEndSessions(user: UserSummary) {
    modal.confirm({
      title: `结束「${user.displayName}」的全部会话？`,
      content: '该用户在所有设备上立即退出登录，须重新登录（如手机丢失、怀疑账号被他人使用时）。',
      okText: '结束会话',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        endSessions
          .mutateAsync(user.id)
          .then((result) => message.success(`已结束 ${user.username} 的 ${result.ended} 个会话`))
          .catch((error: unknown) => message.error(failureText('结束会话', error))),
    });
  }

  function confirmResetMfa(user: UserSummary) {
    modal.confirm({
      title: `重置「${user.displayName}」的两步验证？`,
      content: '用于手机丢失或更换：原身份验证器和恢复码立即失效，该用户的会话结束，下次登录时重新扫码绑定。',
      okText: '重置两步验证',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        resetMfa
          .mutateAsync(user.id)
          .then(() => message.success(`已重置 ${user.username} 的两步验证`))
          .catch((error: unknown) => message.error(failureText('重置两步验证', error))),
    });
  }

  return {
    confirmResetMfa,
    confirmEndSessions,
    confirmDisable,
    confirmEnable,
    confirmResetPassword,
    temporaryPassword,
    showTemporaryPassword: setTemporaryPassword,
    closeTemporaryPassword: () => setTemporaryPassword(undefined),
  };
}
