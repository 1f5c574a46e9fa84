import { Tooltip } from 'antd';
import type { LightColor } from '../theme';
import { LIGHT_COLORS } from '../theme';

interface LightProps {
  color: LightColor;
  /** Why the light has this colour; ui.md: a light always comes with its explanation. */
  explanation: string;
  /** Show the explanation beside the dot instead of only in a tooltip. */
  showText?: boolean;
}

/** A red/yellow/green/grey status dot. */
export function Light({ color, explanation, showText = false }: LightProps) {
  const dot = (
    <span
      role="img"
      aria-label={explanation}
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: '50%',
        background: LIGHT_COLORS[color],
        flex: 'none',
      }}
    />
  );
  if (showText) {
    return (
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        {dot}
        {explanation}
      </span>
    );
  }
  return <Tooltip title={explanation}>{dot}</Tooltip>;
}
