import { TrophyOutlined } from '@ant-design/icons';
import type { LibraryEntry } from '@groundbreak/contract';
import { LIBRARY_LEVEL_LABELS, LIBRARY_STATUS_LABELS, PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { LibraryLevel, ProjectState } from '@groundbreak/domain';
import { LIBRARY_LEVELS } from '@groundbreak/domain';
import { Flex, Tag, Tooltip } from 'antd';
import { EMPTY_VALUE } from '../../lib/format';

// Tag colours follow the lifecycle: blues while attracting, warm while building, greens once producing.
// The red/yellow/green/grey of lights (ui.md) are left to lights.
const STATE_COLORS: Record<ProjectState, string> = {
  LEAD: 'default',
  NEGOTIATING: 'cyan',
  SIGNED: 'blue',
  FILED: 'geekblue',
  LAND_PREP: 'purple',
  LAND_SUPPLIED: 'purple',
  APPROVING: 'gold',
  STARTED: 'orange',
  COMPLETED: 'lime',
  IN_PRODUCTION: 'green',
  AT_TARGET: 'green',
  POST_EVALUATED: 'green',
  SUSPENDED: 'volcano',
  TERMINATED: 'default',
};

/** The project's state as a coloured tag with its Chinese name. */
export function ProjectStateTag({ state }: { state: ProjectState }) {
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {PROJECT_STATE_LABELS[state]}
    </Tag>
  );
}

const LEVEL_COLORS: Record<LibraryLevel, string> = {
  province: 'red',
  city: 'orange',
  district: 'blue',
  yi: 'purple',
};

/** 省重大 / 市重大 / 区重点 / 亿元库: the libraries the project has entered, highest first. */
export function LevelTags({ levels }: { levels: readonly LibraryLevel[] }) {
  if (levels.length === 0) return <span style={{ color: '#bfbfbf' }}>{EMPTY_VALUE}</span>;
  const ordered = LIBRARY_LEVELS.filter((level) => levels.includes(level));
  return (
    <Flex gap={4} wrap>
      {ordered.map((level) => (
        <Tag key={level} color={LEVEL_COLORS[level]} variant="outlined" style={{ marginInlineEnd: 0 }}>
          {LIBRARY_LEVEL_LABELS[level]}
        </Tag>
      ))}
    </Flex>
  );
}

/** Marks the generated records of a demo install. */
export function DemoTag({ isDemo }: { isDemo: boolean }) {
  if (!isDemo) return null;
  return (
    <Tooltip title="演示环境自动生成的数据，不是真实项目">
      <Tag color="orange" variant="outlined" style={{ marginInlineEnd: 0 }}>
        演示数据
      </Tag>
    </Tooltip>
  );
}

/** 重大招引项目: at least 10 亿元 (or 1 亿美元 of foreign investment). */
export function MajorAttractionTag({ isMajor }: { isMajor: boolean }) {
  if (!isMajor) return null;
  return (
    <Tooltip title="总投资 10 亿元以上（或外资 1 亿美元以上）的重大招引项目">
      <Tag color="magenta" icon={<TrophyOutlined />} style={{ marginInlineEnd: 0 }}>
        重大招引
      </Tag>
    </Tooltip>
  );
}

const LIBRARY_STATUS_COLORS: Record<LibraryEntry['status'], string> = {
  applied: 'processing',
  entered: 'success',
  returned: 'warning',
  withdrawn: 'default',
};

/** 申报中 / 已入库 / 已退回 / 退库. */
export function LibraryStatusTag({ status }: { status: LibraryEntry['status'] }) {
  return (
    <Tag color={LIBRARY_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {LIBRARY_STATUS_LABELS[status]}
    </Tag>
  );
}
