import { MU_CLASS_COLORS, MU_CLASS_LABELS } from '@groundbreak/contract';
import type { MuClass } from '@groundbreak/domain';
import { Tag, Tooltip } from 'antd';
import { EMPTY_VALUE, formatWan } from '../../lib/format';

/** A 亩均 class as a coloured tag, its meaning in the tooltip. */
export function MuClassTag({ muClass, year }: { muClass: MuClass; year?: number }) {
  return (
    <Tooltip title={MU_CLASS_LABELS[muClass]}>
      <Tag color={MU_CLASS_COLORS[muClass]} style={{ marginInlineEnd: 4 }}>
        {year ? `${year} ` : ''}
        {muClass}类
      </Tag>
    </Tooltip>
  );
}

/** 亩均税收 in 万元/亩, or a dash. */
export function taxPerMuText(yuan: number | null): string {
  return yuan === null ? EMPTY_VALUE : `${formatWan(yuan, 2)} 万元/亩`;
}
