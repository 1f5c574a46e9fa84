import type { MeetingResponse } from '@groundbreak/contract';
import { LIGHT_WORDS, MEETING_TYPE_LABELS, PROBLEM_STATUS_LABELS } from '@groundbreak/domain';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

// The meeting material (会议材料) of a dispatch meeting as a .docx, in one click: the previous meeting's
// decisions and how they stand, then the agenda — each project with its light, the explanation and its
// problems — and the decisions recorded so far.

const run = (text: string, options: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({
    text,
    font: options.font ?? 'FangSong',
    size: options.size ?? 28,
    bold: options.bold ?? false,
  });
const para = (
  text: string,
  options: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) => new Paragraph({ alignment: options.align, spacing: { line: 480 }, children: [run(text, options)] });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [run(text, { bold, size: 22 })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });

export async function meetingMaterial(detail: MeetingResponse): Promise<Buffer> {
  const m = detail.meeting;
  const decisionRows = (list: MeetingResponse['decisions']) =>
    list.map((d, i) => [
      String(i + 1),
      d.text,
      d.project.name,
      d.problem.leadOrgName ?? '—',
      d.problem.dueOn ?? '—',
      `${PROBLEM_STATUS_LABELS[d.problem.status]}${d.problem.overdueWorkingDays > 0 ? `，超期${d.problem.overdueWorkingDays}个工作日` : ''}`,
    ]);
  const children: Array<Paragraph | Table> = [
    para(`${m.title}材料`, { bold: true, size: 40, align: AlignmentType.CENTER }),
    para(
      `${MEETING_TYPE_LABELS[m.type]} · ${m.heldOn} · 主持：${m.chair} · 范围：${m.regionName}${m.units.length > 0 ? ` · 参会单位：${m.units.map((u) => u.name).join('、')}` : ''}`,
      { size: 24, align: AlignmentType.CENTER },
    ),
  ];
  if (detail.previous) {
    children.push(para(`一、上次调度会（${detail.previous.heldOn}）议定事项落实情况`, { bold: true }));
    children.push(
      detail.previous.decisions.length > 0
        ? table(
            ['序号', '议定事项', '项目', '主办单位', '办理时限', '落实情况'],
            decisionRows(detail.previous.decisions),
          )
        : para('上次调度会无议定事项。'),
    );
  }
  children.push(
    para(`${detail.previous ? '二' : '一'}、本次议题（${detail.agenda.length}个项目）`, { bold: true }),
  );
  children.push(
    table(
      ['序号', '项目', '板块', '亮灯', '说明', '相关问题'],
      detail.agenda.map((a, i) => [
        String(i + 1),
        `${a.project.name}（${a.project.internalNo}）`,
        a.project.regionName,
        a.light ? LIGHT_WORDS[a.light] : '—',
        a.reason,
        a.problems.map((p) => `${p.problemNo} ${p.title}（${PROBLEM_STATUS_LABELS[p.status]}）`).join('；') ||
          '—',
      ]),
    ),
  );
  if (detail.decisions.length > 0) {
    children.push(para(`${detail.previous ? '三' : '二'}、议定事项`, { bold: true }));
    children.push(
      table(['序号', '议定事项', '项目', '主办单位', '办理时限', '状态'], decisionRows(detail.decisions)),
    );
  }
  if (m.minutes) {
    children.push(para('会议纪要', { bold: true }));
    for (const line of m.minutes.split('\n')) children.push(para(line));
  }
  const doc = new Document({
    title: `${m.title}材料`,
    styles: { default: { document: { run: { font: 'FangSong', size: 28 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
