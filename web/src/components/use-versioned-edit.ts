import { App } from 'antd';
import { useState } from 'react';
import { isNotFound } from '../lib/error-kinds';

/**
 * State of a form that saves a versioned record: the version it saves against, the last save error,
 * and `reload`, which loads the record as someone else saved it (after a 409) while the form keeps the
 * user's input (ui.md "Forms").
 */
export function useVersionedEdit<T extends { version: number }>(
  initialVersion: number,
  options: { fetchLatest: () => Promise<T | undefined>; goneMessage: string },
) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(initialVersion);
  const [latest, setLatest] = useState<T>();
  const [submitError, setSubmitError] = useState<unknown>();
  const [isReloading, setReloading] = useState(false);

  async function reload() {
    setReloading(true);
    try {
      const current = await options.fetchLatest();
      if (!current) {
        message.error(options.goneMessage);
        return;
      }
      setVersion(current.version);
      setLatest(current);
      setSubmitError(undefined);
    } catch (error) {
      message.error(isNotFound(error) ? options.goneMessage : '载入最新版本失败，请稍后重试');
    } finally {
      setReloading(false);
    }
  }

  return { version, latest, submitError, setSubmitError, isReloading, reload };
}
