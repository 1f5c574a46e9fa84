import { LIBRARY_LEVEL_LABELS } from '@groundbreak/contract';
import { Col, Flex, Row, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { EChart } from '../../components/echart';
import { useStatsOverview } from './api';
import {
  childrenOption,
  funnelOption,
  investmentOption,
  lightsOption,
  pct,
  useStatsParams,
  yi,
} from './cockpit-page';

// 大屏: the cockpit for a wall screen — dark, laid out for 1920×1080, refreshed every minute, nothing to
// click. Same figures as the cockpit (the same endpoint), bigger type.

const REFRESH_MS = 60_000;
const PANEL = {
  background: 'rgba(22, 44, 84, 0.55)',
  border: '1px solid #1d3a6b',
  borderRadius: 6,
  padding: 12,
};

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div style={PANEL}>
      <div style={{ color: '#69b1ff', fontSize: 18, marginBottom: 8 }}>{title}</div>
      {children}
    </div>
  );
}

function Clock() {
  const [now, setNow] = useState(dayjs());
  useEffect(() => {
    const t = setInterval(() => setNow(dayjs()), 1000);
    return () => clearInterval(t);
  }, []);
  return <span>{now.format('YYYY-MM-DD HH:mm:ss')}</span>;
}

export function BigScreenPage() {
  const [params] = useStatsParams();
  const overview = useStatsOverview(params, REFRESH_MS);
  const o = overview.data;
  const options = useMemo(
    () =>
      o
        ? {
            investment: investmentOption(o, true),
            children: childrenOption(o, true),
            lights: lightsOption(o, true),
            funnel: funnelOption(o, true),
          }
        : undefined,
    [o],
  );
  return (
    <div
      data-testid="big-screen"
      style={{
        minHeight: '100vh',
        background: 'radial-gradient(circle at 50% 0%, #0b2a5b 0%, #050d1f 70%)',
        color: '#e6f4ff',
        padding: '16px 24px',
        boxSizing: 'border-box',
      }}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ color: '#e6f4ff', margin: 0, letterSpacing: 4 }}>
          {o ? `${o.region.name}重大项目“招推服”运行监测` : '重大项目运行监测'}
        </Typography.Title>
        <Flex gap={24} style={{ fontSize: 18, color: '#91caff' }}>
          {o && (
            <span>
              {o.year}年1至{o.month}月 · 序时进度 {pct(o.schedule)} · 数据时间{' '}
              {dayjs(o.computedAt).format('HH:mm')}
            </span>
          )}
          <Clock />
        </Flex>
      </Flex>
      {!o || !options ? (
        <Flex justify="center" style={{ marginTop: 200 }}>
          <Spin size="large" />
        </Flex>
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={16}>
            {o.tiers.map((t) => (
              <Col key={t.level} span={8}>
                <div style={PANEL} data-testid={`screen-tier-${t.level}`}>
                  <div style={{ color: '#69b1ff', fontSize: 18 }}>
                    {LIBRARY_LEVEL_LABELS[t.level]}项目 {t.projects} 个
                  </div>
                  <Flex align="baseline" gap={16}>
                    <span
                      style={{
                        fontSize: 48,
                        fontWeight: 600,
                        color: t.gapPoints !== null && t.gapPoints < 0 ? '#ff7875' : '#95de64',
                      }}
                    >
                      {pct(t.investment.rate)}
                    </span>
                    <span style={{ fontSize: 18 }}>
                      完成投资 {yi(t.investment.value)} 亿元 / 计划{' '}
                      {t.investment.of === null ? '—' : yi(t.investment.of)} 亿元
                    </span>
                  </Flex>
                  <Flex gap={24} style={{ fontSize: 16, color: '#bae0ff' }}>
                    <span>开工率 {pct(t.starts.rate)}</span>
                    <span>竣工率 {pct(t.completions.rate)}</span>
                    <span>
                      新入库 {t.entries.value}
                      {t.entries.of !== null ? ` / ${t.entries.of}` : ''}
                    </span>
                  </Flex>
                </div>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col span={10}>
              <Panel title="月度投资完成（亿元）">
                <EChart option={options.investment} theme="dark" height={300} />
              </Panel>
            </Col>
            <Col span={7}>
              <Panel title="亮灯分布">
                <EChart option={options.lights} theme="dark" height={300} />
              </Panel>
            </Col>
            <Col span={7}>
              <Panel title="全生命周期漏斗">
                <EChart option={options.funnel} theme="dark" height={300} />
              </Panel>
            </Col>
          </Row>
          <Panel title={`各${o.region.level === 'district' ? '板块' : '区域'}投资完成率（%）`}>
            <EChart option={options.children} theme="dark" height={320} />
          </Panel>
        </Flex>
      )}
    </div>
  );
}
