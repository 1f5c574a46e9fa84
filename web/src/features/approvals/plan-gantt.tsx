import type { ProjectPlan, ScheduledPlanNode } from '@groundbreak/contract';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLayoutEffect, useMemo, useRef } from 'react';

// The plan as a Gantt chart, drawn with plain elements (a 100-node plan is a few hundred divs): per node the
// forecast bar (earliest dates from today and the actuals; red on the critical path, green once done), the
// latest window the target allows as a light band, the baseline as a thin grey line under it, milestones as
// diamonds; the today line and the anchor's target line across the chart. The element reports how long its
// layout took in data-render-ms, for the browser bench.

const DAY_MS = 86_400_000;
const ROW_HEIGHT = 34;
const LABEL_WIDTH = 260;

const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS);

function datesOf(n: ScheduledPlanNode): string[] {
  return [
    n.earlyStart,
    n.earlyFinish,
    n.lateStart,
    n.lateFinish,
    n.baselineFinish,
    n.actualStart,
    n.actualFinish,
  ].filter((d): d is string => Boolean(d));
}

/** Ticks at each month's first day within the range. */
function monthTicks(first: number, last: number): Array<{ day: number; label: string }> {
  const ticks: Array<{ day: number; label: string }> = [];
  let m = dayjs(new Date(first * DAY_MS))
    .startOf('month')
    .add(1, 'month');
  while (dayNumber(m.format('YYYY-MM-DD')) <= last) {
    ticks.push({
      day: dayNumber(m.format('YYYY-MM-DD')),
      label: m.month() === 0 ? m.format('YYYY年M月') : m.format('M月'),
    });
    m = m.add(1, 'month');
  }
  return ticks;
}

export function PlanGantt({
  plan,
  onOpen,
  recordable,
}: {
  plan: ProjectPlan;
  /** Opens a node's actual dates; offered on the nodes in `recordable` (all of them when it is absent). */
  onOpen?: (node: ScheduledPlanNode) => void;
  recordable?: readonly string[];
}) {
  const started = useRef(performance.now());
  started.current = performance.now();
  const ref = useRef<HTMLDivElement>(null);

  const { first, span } = useMemo(() => {
    const all = [...plan.nodes.flatMap(datesOf), plan.today, plan.targetOn, plan.forecast].map(dayNumber);
    const lo = Math.min(...all) - 3;
    const hi = Math.max(...all) + 3;
    return { first: lo, span: Math.max(1, hi - lo) };
  }, [plan]);
  const x = (d: string) => `${((dayNumber(d) - first) / span) * 100}%`;
  const width = (a: string, b: string) => `${(Math.max(0.5, dayNumber(b) - dayNumber(a)) / span) * 100}%`;
  const ticks = useMemo(() => monthTicks(first, first + span), [first, span]);

  // From this render to the first frame after the browser has laid out and painted the chart.
  useLayoutEffect(() => {
    const from = started.current;
    const frame = requestAnimationFrame(() =>
      setTimeout(() =>
        ref.current?.setAttribute('data-render-ms', String(Math.round(performance.now() - from))),
      ),
    );
    return () => cancelAnimationFrame(frame);
  });

  return (
    <div
      ref={ref}
      data-testid="gantt"
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }}
    >
      <div style={{ display: 'flex', height: 28, background: '#fafafa', borderBottom: '1px solid #f0f0f0' }}>
        <div
          style={{ width: LABEL_WIDTH, flex: 'none', padding: '4px 12px', fontSize: 12, color: '#8c8c8c' }}
        >
          节点 · 责任单位
        </div>
        <div style={{ position: 'relative', flex: 1 }}>
          {ticks.map((t) => (
            <span
              key={t.day}
              style={{
                position: 'absolute',
                left: `${((t.day - first) / span) * 100}%`,
                top: 6,
                fontSize: 11,
                color: '#8c8c8c',
                whiteSpace: 'nowrap',
              }}
            >
              {t.label}
            </span>
          ))}
        </div>
      </div>
      <div style={{ position: 'relative' }}>
        {plan.nodes.map((n) => {
          const milestone = n.duration === 0;
          const color = n.done ? '#52c41a' : n.critical ? '#ff4d4f' : '#1677ff';
          const open = onOpen && (!recordable || recordable.includes(n.key)) ? onOpen : undefined;
          return (
            <button
              type="button"
              key={n.key}
              data-testid={`gantt-row-${n.key}`}
              data-critical={n.critical}
              data-late={n.late}
              aria-disabled={!open}
              title={open ? '填报实际进度' : `实际进度由${n.responsible || '区发改'}填报`}
              onClick={() => open?.(n)}
              style={{
                display: 'flex',
                width: '100%',
                padding: 0,
                border: 'none',
                borderBottom: '1px solid #f5f5f5',
                height: ROW_HEIGHT,
                textAlign: 'left',
                font: 'inherit',
                color: 'inherit',
                cursor: open ? 'pointer' : 'default',
                background: n.late ? '#fff1f0' : 'transparent',
              }}
            >
              <div
                style={{
                  width: LABEL_WIDTH,
                  flex: 'none',
                  padding: '0 12px',
                  display: 'flex',
                  alignItems: 'center',
                  gap: 6,
                  overflow: 'hidden',
                }}
              >
                <Typography.Text ellipsis style={{ fontSize: 13, fontWeight: n.critical ? 600 : 400 }}>
                  {n.name}
                </Typography.Text>
                {n.late && (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    已滞后
                  </Tag>
                )}
              </div>
              <div style={{ position: 'relative', flex: 1 }}>
                {n.lateStart && n.lateFinish && !n.done && (
                  <div
                    title="最迟开始—最迟完成"
                    style={{
                      position: 'absolute',
                      left: x(n.lateStart),
                      width: width(n.lateStart, n.lateFinish),
                      top: 6,
                      height: 18,
                      background: 'rgba(22,119,255,0.08)',
                      border: '1px dashed rgba(22,119,255,0.35)',
                      borderRadius: 3,
                    }}
                  />
                )}
                {n.baselineFinish && (
                  <div
                    title={`基线完成 ${n.baselineFinish}`}
                    style={{
                      position: 'absolute',
                      left: x(n.baselineFinish),
                      top: 27,
                      width: 2,
                      height: 5,
                      background: '#8c8c8c',
                    }}
                  />
                )}
                <Tooltip
                  title={`${n.name}：预计 ${n.earlyStart} — ${n.earlyFinish}${n.lateFinish ? `；最迟完成 ${n.lateFinish}` : ''}${
                    n.floatDays !== null ? `；总时差 ${n.floatDays} 天` : ''
                  }`}
                >
                  {milestone ? (
                    <div
                      style={{
                        position: 'absolute',
                        left: x(n.earlyFinish),
                        top: 10,
                        width: 12,
                        height: 12,
                        marginLeft: -6,
                        transform: 'rotate(45deg)',
                        background: color,
                      }}
                    />
                  ) : (
                    <div
                      style={{
                        position: 'absolute',
                        left: x(n.earlyStart),
                        width: width(n.earlyStart, n.earlyFinish),
                        top: 10,
                        height: 12,
                        background: color,
                        borderRadius: 3,
                      }}
                    />
                  )}
                </Tooltip>
              </div>
            </button>
          );
        })}
        <div
          style={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: LABEL_WIDTH,
            right: 0,
            pointerEvents: 'none',
          }}
        >
          <div
            title={`今天 ${plan.today}`}
            style={{
              position: 'absolute',
              left: x(plan.today),
              top: 0,
              bottom: 0,
              borderLeft: '2px solid #faad14',
            }}
          />
          <div
            title={`目标 ${plan.targetOn}`}
            style={{
              position: 'absolute',
              left: x(plan.targetOn),
              top: 0,
              bottom: 0,
              borderLeft: '2px dashed #ff4d4f',
            }}
          />
        </div>
      </div>
    </div>
  );
}
