import type { CalendarDay } from '@groundbreak/contract';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useCalendarYear, useCalendarYears, useSaveCalendarYear, useWorkingDue } from './api';

// 工作日历: the system administrator keeps each year's 节假日安排 — the weekdays off and the weekends worked
// (调休) — so that every approval deadline counts China's working days. A click on a weekday marks it 放假, on
// a weekend 调休上班; a second click takes it back.

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const HOLIDAY_NAMES = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节'];

type Edits = Map<string, CalendarDay>;

const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/** The next state of a day on a click: weekday normal ↔ 放假; weekend normal ↔ 调休上班. */
function toggle(days: Edits, day: Dayjs, name: string | null): Edits {
  const key = day.format('YYYY-MM-DD');
  const next = new Map(days);
  const current = next.get(key);
  if (isWeekend(day)) {
    if (current?.kind === 'workday') next.delete(key);
    else next.set(key, { day: key, kind: 'workday', name: name ?? current?.name ?? null });
  } else if (current) next.delete(key);
  else next.set(key, { day: key, kind: 'holiday', name });
  return next;
}

function MonthGrid({
  year,
  month,
  days,
  editable,
  onToggle,
}: {
  year: number;
  month: number;
  days: Edits;
  editable: boolean;
  onToggle: (day: Dayjs) => void;
}) {
  const first = dayjs(new Date(year, month, 1));
  const blanks = (first.day() + 6) % 7; // Monday first
  const cells = Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day'));
  return (
    <div data-testid={`month-${month + 1}`}>
      <Typography.Text strong>{month + 1} 月</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 6 }}>
        {WEEKDAYS.map((w) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed blank cells before the 1st
          <div key={`b${i}`} />
        ))}
        {cells.map((d) => {
          const key = d.format('YYYY-MM-DD');
          const entry = days.get(key);
          const weekend = isWeekend(d);
          const off = entry?.kind === 'holiday' || (weekend && entry?.kind !== 'workday');
          const style = {
            textAlign: 'center' as const,
            fontSize: 12,
            lineHeight: '22px',
            borderRadius: 4,
            cursor: editable ? 'pointer' : 'default',
            userSelect: 'none' as const,
            border: 'none',
            padding: 0,
            background:
              entry?.kind === 'holiday' ? '#fff1f0' : entry?.kind === 'workday' ? '#e6f4ff' : 'transparent',
            color:
              entry?.kind === 'holiday'
                ? '#cf1322'
                : entry?.kind === 'workday'
                  ? '#0958d9'
                  : off
                    ? '#bfbfbf'
                    : '#262626',
            fontWeight: entry ? 600 : 400,
          };
          const label =
            entry?.kind === 'holiday'
              ? `${key} 放假${entry.name ? `（${entry.name}）` : ''}`
              : entry?.kind === 'workday'
                ? `${key} 调休上班${entry.name ? `（${entry.name}）` : ''}`
                : `${key} ${weekend ? '周末' : '工作日'}`;
          return (
            <Tooltip key={key} title={label} mouseEnterDelay={0.4}>
              <button
                type="button"
                style={style}
                aria-label={label}
                data-day={key}
                data-kind={entry?.kind ?? (weekend ? 'weekend' : 'working')}
                disabled={!editable}
                onClick={() => onToggle(d)}
              >
                {d.date()}
                {entry && (
                  <sup style={{ fontSize: 9, marginLeft: 1 }}>{entry.kind === 'holiday' ? '休' : '班'}</sup>
                )}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
}

/** 试算: a start date and a number of working days → the deadline, as every approval item counts it. */
function DueCalculator() {
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [days, setDays] = useState<number | null>(5);
  const due = useWorkingDue(from?.format('YYYY-MM-DD') ?? null, days);
  return (
    <Card size="small" title="时限试算">
      <Flex vertical gap={8}>
        <Space wrap>
          <DatePicker value={from} onChange={setFrom} allowClear={false} aria-label="起算日" />
          <InputNumber
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : null)}
            min={-1000}
            max={1000}
            precision={0}
            suffix="个工作日"
            aria-label="工作日数"
            style={{ width: 150 }}
          />
        </Space>
        {due.error ? (
          <ErrorAlert error={due.error} title="试算失败" />
        ) : (
          due.data && (
            <Typography.Text data-testid="due-result">
              到期日 <Typography.Text strong>{due.data.due}</Typography.Text>（
              {dayjs(due.data.due).format('dddd')}）
              {!due.data.verified && (
                <Tag color="warning" style={{ marginLeft: 8 }}>
                  {due.data.unverifiedYears.join('、')}年未配置，按周末规则推算
                </Tag>
              )}
            </Typography.Text>
          )
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          起算日当天不计，从下一个工作日数起；与审批事项时限的计算方法相同。
        </Typography.Text>
      </Flex>
    </Card>
  );
}

export function CalendarPage() {
  const { message } = App.useApp();
  const years = useCalendarYears();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const current = useCalendarYear(year);
  const save = useSaveCalendarYear(year);
  const [edits, setEdits] = useState<Edits>(new Map());
  const [notice, setNotice] = useState<string>('');
  const [holidayName, setHolidayName] = useState<string | null>(null);

  // Load the year's days into the editor whenever another year (or a newer version) arrives. A newer version
  // of the same year (the reload a 409 offers) keeps what the user changed over the version they began from.
  const base = useRef<typeof current.data>(undefined);
  useEffect(() => {
    const data = current.data;
    if (!data) return;
    const previous = base.current;
    base.current = data;
    const fresh = new Map(data.days.map((d) => [d.day, d]));
    if (previous && previous.year === data.year) {
      const before = new Map(previous.days.map((d) => [d.day, d]));
      setEdits((edits) => {
        const merged = new Map(fresh);
        for (const [day, d] of edits) {
          const b = before.get(day);
          if (!b || b.kind !== d.kind || b.name !== d.name) merged.set(day, d);
        }
        for (const day of before.keys()) if (!edits.has(day)) merged.delete(day);
        return merged;
      });
      setNotice((n) => (n !== (previous.notice ?? '') ? n : (data.notice ?? '')));
    } else {
      setEdits(fresh);
      setNotice(data.notice ?? '');
    }
    save.reset();
  }, [current.data, save.reset]);

  const dirty = useMemo(() => {
    const before = current.data?.days ?? [];
    if (before.length !== edits.size) return true;
    return before.some((d) => {
      const e = edits.get(d.day);
      return !e || e.kind !== d.kind || e.name !== d.name;
    });
  }, [current.data, edits]);
  const noticeChanged = (current.data?.notice ?? '') !== notice;

  const yearOptions = useMemo(() => {
    const configured = new Set(years.data?.items.map((y) => y.year) ?? []);
    const all = new Set([...configured, thisYear, thisYear + 1, thisYear + 2]);
    return [...all]
      .sort((a, b) => b - a)
      .map((y) => ({ value: y, label: `${y} 年${configured.has(y) ? '' : '（未配置）'}` }));
  }, [years.data, thisYear]);

  const sorted = [...edits.values()];
  const weekdayOff = sorted.filter((d) => d.kind === 'holiday' && !isWeekend(dayjs(d.day))).length;
  const worked = sorted.filter((d) => d.kind === 'workday').length;

  const onSave = () =>
    save.mutate(
      {
        notice: notice.trim() || null,
        version: current.data?.version ?? 0,
        days: sorted.sort((a, b) => a.day.localeCompare(b.day)),
      },
      { onSuccess: () => message.success(`${year} 年节假日安排已保存，审批时限即按此计算`) },
    );

  return (
    <PageContainer
      title="工作日历"
      description="审批时限按工作日计算：法定节假日放假、调休的周末上班。国务院办公厅发布次年节假日安排后，请在此录入。"
    >
      {years.data?.warnings.map((w) => {
        const y = Number(w.slice(0, 4));
        return (
          <Alert
            key={w}
            type="warning"
            showIcon
            title={w}
            description="未配置的年份按“周一至周五上班”推算时限，结果会标为“未核实”。"
            action={
              year !== y && (
                <Button size="small" onClick={() => setYear(y)}>
                  录入 {y} 年
                </Button>
              )
            }
          />
        );
      })}
      {years.error && <ErrorAlert error={years.error} onRetry={() => void years.refetch()} />}
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          <Card
            title={
              <Space>
                <Select
                  value={year}
                  options={yearOptions}
                  onChange={setYear}
                  style={{ width: 160 }}
                  aria-label="年份"
                />
                {current.data &&
                  (current.data.configured ? (
                    <Tag color={current.data.source === 'official' ? 'blue' : 'green'}>
                      {current.data.source === 'official' ? '随系统发布的官方安排' : '管理员录入'}
                    </Tag>
                  ) : (
                    <Tag color="warning">未配置：按周末规则</Tag>
                  ))}
              </Space>
            }
            extra={
              <Space>
                <Tag color="red">休 放假</Tag>
                <Tag color="blue">班 调休上班</Tag>
              </Space>
            }
          >
            {current.error ? (
              <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
            ) : !current.data ? (
              <Skeleton active />
            ) : (
              <Row gutter={[24, 20]}>
                {MONTHS.map((m) => (
                  <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                    <MonthGrid
                      year={year}
                      month={m}
                      days={edits}
                      editable
                      onToggle={(d) => setEdits((e) => toggle(e, d, holidayName))}
                    />
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <Flex vertical gap={16}>
            <Card size="small" title={`${year} 年安排`}>
              <Flex vertical gap={12}>
                <Typography.Text>
                  工作日放假 <Typography.Text strong>{weekdayOff}</Typography.Text> 天，调休上班{' '}
                  <Typography.Text strong>{worked}</Typography.Text> 天
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">新标记日期的节日名称</Typography.Text>
                  <Select
                    allowClear
                    value={holidayName}
                    onChange={(v) => setHolidayName(v ?? null)}
                    options={HOLIDAY_NAMES.map((n) => ({ value: n, label: n }))}
                    placeholder="如 春节"
                    style={{ width: '100%', marginTop: 4 }}
                    aria-label="节日名称"
                  />
                </div>
                <div>
                  <Typography.Text type="secondary">依据文件</Typography.Text>
                  <Input
                    value={notice}
                    onChange={(e) => setNotice(e.target.value)}
                    maxLength={100}
                    placeholder="如 国办发明电〔2026〕X号"
                    style={{ marginTop: 4 }}
                    aria-label="依据文件"
                  />
                </div>
                <SubmitErrorAlert
                  error={save.error}
                  onReload={() => void current.refetch()}
                  isReloading={current.isFetching}
                />
                <Space>
                  <Button
                    type="primary"
                    onClick={onSave}
                    loading={save.isPending}
                    disabled={!current.data || (!dirty && !noticeChanged && current.data.configured)}
                  >
                    保存 {year} 年安排
                  </Button>
                  <Button
                    disabled={!dirty && !noticeChanged}
                    onClick={() => {
                      setEdits(new Map(current.data?.days.map((d) => [d.day, d]) ?? []));
                      setNotice(current.data?.notice ?? '');
                    }}
                  >
                    撤销修改
                  </Button>
                </Space>
              </Flex>
            </Card>
            <DueCalculator />
          </Flex>
        </Col>
      </Row>
    </PageContainer>
  );
}
