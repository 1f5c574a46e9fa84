import type { SavedBriefing } from '@groundbreak/contract';
import { formatPercentOf, formatYiOf, scheduleGapText } from '@groundbreak/domain';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { shanghaiDate } from '../../clock';

// A briefing as the offices print it (.docx): the red masthead with 第N期, the issuing region and date,
// the title, the text as edited, then two tables from the figures the text was computed from (the tiers
// and the 板块) and the red-light projects and main open problems. A draft says 草稿 in its masthead.

const FONT = 'FangSong';
const run = (text: string, o: { bold?: boolean; size?: number; color?: string; font?: string } = {}) =>
  new TextRun({ text, font: o.font ?? FONT, size: o.size ?? 32, bold: o.bold ?? false, color: o.color });
const para = (
  text: string,
  o: {
    bold?: boolean;
    size?: number;
    color?: string;
    font?: string;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
  } = {},
) =>
  new Paragraph({
    alignment: o.align,
    spacing: { line: 560 },
    indent: o.indent ? { firstLine: 640 } : undefined,
    children: [run(text, o)],
  });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [run(text, { bold, size: 21 })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
/** YYYY-MM-DD HH:mm in Asia/Shanghai. */
const shanghaiTime = (iso: string) => `${shanghaiDate(new Date(iso))} ${SHANGHAI_HM.format(new Date(iso))}`;
const SHANGHAI_HM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const rate = (r: number | null) => (r === null ? '—' : formatPercentOf(r, 1));
const yi = (yuan: number) => formatYiOf(yuan, 2);
const LEVELS: Record<string, string> = { province: '省重大', city: '市重大', district: '区重点' };
const SECTION = ['一', '二', '三', '四', '五'];

export async function briefingDocx(b: SavedBriefing): Promise<Buffer> {
  const s = b.snapshot;
  const issuedOn = b.issuedAt ? shanghaiDate(new Date(b.issuedAt)) : null;
  const children: Array<Paragraph | Table> = [
    para('重大项目推进简报', {
      bold: true,
      size: 72,
      color: 'C00000',
      font: 'SimSun',
      align: AlignmentType.CENTER,
    }),
    para(b.status === 'issued' ? `${b.issueYear}年第${b.issueNo}期` : '（草稿，未印发）', {
      size: 32,
      align: AlignmentType.CENTER,
    }),
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 4 } },
      children: [
        run(`${b.regionName}`, { size: 28 }),
        run(
          `\t${issuedOn ? `${issuedOn.slice(0, 4)}年${Number(issuedOn.slice(5, 7))}月${Number(issuedOn.slice(8, 10))}日` : ''}`,
          {
            size: 28,
          },
        ),
      ],
      tabStops: [{ type: 'right', position: 9000 }],
    }),
    para(b.title, { bold: true, size: 40, font: 'SimHei', align: AlignmentType.CENTER }),
    ...b.paragraphs.map((text) => para(text, { indent: true })),
  ];
  let section = 0;
  const heading = (text: string) => {
    children.push(para(`${SECTION[section] ?? section + 1}、${text}`, { bold: true, font: 'SimHei' }));
    section += 1;
  };
  heading(`分层级推进情况（${s.year}年1—${s.month}月，序时进度${rate(s.schedule)}）`);
  children.push(
    table(
      [
        '层级',
        '项目数',
        '年度计划（亿元）',
        '完成投资（亿元）',
        '完成率',
        '较序时',
        '开工率',
        '竣工率',
        '新增入库/目标',
      ],
      s.tiers.map((t) => [
        LEVELS[t.level] ?? t.level,
        String(t.projects),
        t.investment.of === null ? '—' : yi(t.investment.of),
        yi(t.investment.value),
        rate(t.investment.rate),
        t.investment.rate === null ? '—' : scheduleGapText(t.investment.rate, s.schedule, 1),
        rate(t.starts.rate),
        rate(t.completions.rate),
        `${t.entries.value}/${t.entries.of ?? '未设'}`,
      ]),
    ),
  );
  if (s.children.length > 0) {
    heading('分区域推进情况');
    children.push(
      table(
        [
          '区域',
          '项目数',
          '完成投资（亿元）',
          '投资完成率',
          '开工率',
          '入库完成率',
          '问题办结率',
          '综合得分',
          '综合排名',
        ],
        [...s.children]
          .sort((x, y) => x.ranks.composite - y.ranks.composite)
          .map((c) => [
            c.regionName,
            String(c.projects),
            yi(c.investment.value),
            rate(c.investment.rate),
            rate(c.starts.rate),
            rate(c.entries.rate),
            rate(c.problems.rate),
            c.composite.score.toFixed(1),
            String(c.ranks.composite),
          ]),
      ),
    );
  }
  heading(
    b.redTotal > b.redList.length
      ? `红灯项目（共${b.redTotal}个，列前${b.redList.length}个）`
      : `红灯项目（${b.redTotal}个）`,
  );
  children.push(
    b.redList.length > 0
      ? table(
          ['序号', '项目', '区域', '亮灯原因'],
          b.redList.map((r, i) => [String(i + 1), r.name, r.regionName, r.explanation]),
        )
      : para('无红灯项目。', { indent: true }),
  );
  heading('主要未办结问题');
  children.push(
    b.problems.length > 0
      ? table(
          ['编号', '问题', '项目', '办理时限'],
          b.problems.map((p) => [p.problemNo, p.title, p.projectName, p.dueOn ?? '—']),
        )
      : para('无未办结问题。', { indent: true }),
  );
  children.push(
    para(`数据截至 ${shanghaiTime(b.computedAt)}，按已报送的月报和批准的年度计划计算。`, { size: 24 }),
  );
  const doc = new Document({
    title: b.title,
    styles: { default: { document: { run: { font: FONT, size: 32 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
