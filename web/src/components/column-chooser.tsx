import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Flex, Popover, Tooltip } from 'antd';
import { useCallback, useState } from 'react';

export interface ChoosableColumn {
  key: string;
  title: string;
  /** Cannot be hidden (the column that identifies the row). */
  isRequired?: boolean;
  isHiddenByDefault?: boolean;
}

const STORAGE_PREFIX = 'groundbreak.list-columns.';

function defaultHidden(columns: readonly ChoosableColumn[]): string[] {
  return columns.filter((column) => column.isHiddenByDefault).map((column) => column.key);
}

function readStoredHidden(listId: string): string[] | undefined {
  try {
    const raw = window.localStorage.getItem(STORAGE_PREFIX + listId);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Which columns the user hid, remembered per list in this browser. */
export function useColumnVisibility(listId: string, columns: readonly ChoosableColumn[]) {
  const [hiddenKeys, setHiddenKeys] = useState<string[]>(
    () => readStoredHidden(listId) ?? defaultHidden(columns),
  );

  const store = useCallback(
    (keys: string[] | undefined) => {
      try {
        if (keys) window.localStorage.setItem(STORAGE_PREFIX + listId, JSON.stringify(keys));
        else window.localStorage.removeItem(STORAGE_PREFIX + listId);
      } catch {
        // Private mode or a full quota: the choice then lasts for this page view only.
      }
    },
    [listId],
  );

  const setVisibleKeys = useCallback(
    (visibleKeys: string[]) => {
      const hidden = columns
        .filter((column) => !column.isRequired && !visibleKeys.includes(column.key))
        .map((column) => column.key);
      setHiddenKeys(hidden);
      store(hidden);
    },
    [columns, store],
  );

  const reset = useCallback(() => {
    setHiddenKeys(defaultHidden(columns));
    store(undefined);
  }, [columns, store]);

  const isVisible = useCallback((key: string) => !hiddenKeys.includes(key), [hiddenKeys]);

  return { isVisible, setVisibleKeys, reset };
}

interface ColumnChooserProps {
  columns: readonly ChoosableColumn[];
  isVisible: (key: string) => boolean;
  onChange: (visibleKeys: string[]) => void;
  onReset: () => void;
}

/** 列设置: tick the columns to show. */
export function ColumnChooser({ columns, isVisible, onChange, onReset }: ColumnChooserProps) {
  const content = (
    <Flex vertical style={{ minWidth: 160 }}>
      <Checkbox.Group
        value={columns.filter((column) => isVisible(column.key)).map((column) => column.key)}
        onChange={(keys) => onChange(keys.map(String))}
      >
        <Flex vertical gap={6}>
          {columns.map((column) => (
            <Checkbox key={column.key} value={column.key} disabled={column.isRequired}>
              {column.title}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <Divider style={{ margin: '10px 0 6px' }} />
      <Button type="link" size="small" onClick={onReset} style={{ alignSelf: 'flex-start', padding: 0 }}>
        恢复默认
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} title="显示的列" trigger="click" placement="bottomRight">
      <Tooltip title="列设置">
        <Button icon={<SettingOutlined />} aria-label="列设置" />
      </Tooltip>
    </Popover>
  );
}
