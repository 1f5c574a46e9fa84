import type { TodoItem } from '@groundbreak/contract';
import { MENU_GROUP_LABELS, MENU_GROUPS } from '@groundbreak/contract';
import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { Light } from '../../components/light';
import { formatDate } from '../../lib/format';
import type { LightColor } from '../../theme';
import { LIGHT_COLORS } from '../../theme';

export interface TodoSectionProps {
  title: string;
  color: LightColor;
  /** Why items here have this colour, shown on each light. */
  explanation: string;
  emptyText: string;
  items: TodoItem[];
}

function moduleLabel(module: string): string {
  return (MENU_GROUPS as readonly string[]).includes(module)
    ? MENU_GROUP_LABELS[module as (typeof MENU_GROUPS)[number]]
    : module;
}

function TodoRow({ item, color, explanation }: { item: TodoItem; color: LightColor; explanation: string }) {
  return (
    <li style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex align="center" gap={10}>
        <Light color={color} explanation={explanation} />
        <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Link to={item.link}>
            <Typography.Text ellipsis style={{ color: 'inherit' }}>
              {item.title}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {moduleLabel(item.module)} · 到期日 {formatDate(item.dueOn)}
          </Typography.Text>
        </Flex>
      </Flex>
    </li>
  );
}

/** One band of the 工作台: 已逾期, 即将到期 or 其他. */
export function TodoSection({ title, color, explanation, emptyText, items }: TodoSectionProps) {
  return (
    <Card
      variant="borderless"
      style={{ borderTop: `3px solid ${LIGHT_COLORS[color]}`, height: '100%' }}
      title={
        <Flex align="center" gap={8}>
          <Light color={color} explanation={explanation} />
          <span>{title}</span>
        </Flex>
      }
      extra={<Tag variant="filled">{items.length} 项</Tag>}
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{emptyText}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <TodoRow key={item.key} item={item} color={color} explanation={explanation} />
          ))}
        </ul>
      )}
    </Card>
  );
}
