import type { ProblemItem, ProblemResponse } from '@groundbreak/contract';
import { PROBLEM_CATEGORY_LABELS, PROBLEM_SOURCE_LABELS, PROBLEM_STATUS_LABELS } from '@groundbreak/domain';
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

// The 督办函 (supervision letter) of an overdue problem, generated from its record as an official-style
// .docx: the lead unit addressed, the facts of the assignment and how late it is, what is asked and by
// when, a table of the record and its history, and the issuing office with the date.

const BODY = { font: 'FangSong', size: 32 } as const; // 仿宋 三号
const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'FangSong', size: 24 })] })],
  });
const line = (
  text: string,
  options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, ...BODY })],
  });

export type LetterInput = {
  detail: ProblemResponse;
  /** The letter's number within the year, e.g. 督办〔2025〕12号. */
  serial: string;
  issuedOn: string;
  office: string;
  /** Working days given to reply. */
  replyWithinWorkingDays: number;
  replyBy: string;
};

function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function supervisionLetter(input: LetterInput): Promise<Buffer> {
  const p: ProblemItem = input.detail.problem;
  const lead = p.leadOrg?.name ?? '主办单位';
  const co = p.coOrgs.map((o) => o.name).join('、');
  const late = p.overdueWorkingDays;
  const rows: Array<[string, string]> = [
    ['问题编号', p.problemNo],
    ['项目名称', `${p.project.name}（${p.project.internalNo}）`],
    ['所属板块', p.project.regionName],
    ['问题类别', PROBLEM_CATEGORY_LABELS[p.category]],
    ['问题来源', PROBLEM_SOURCE_LABELS[p.source]],
    ['问题描述', p.description],
    ['主办单位', lead],
    ['协办单位', co || '无'],
    ['交办日期', p.assignedOn ?? ''],
    [
      '办理时限',
      p.dueOn
        ? `${p.dueOn}${p.originalDueOn && p.originalDueOn !== p.dueOn ? `（原时限${p.originalDueOn}，已延期）` : ''}`
        : '',
    ],
    ['当前状态', `${PROBLEM_STATUS_LABELS[p.status]}${late > 0 ? `，已超期${late}个工作日` : ''}`],
    ['协调层级', p.level],
  ];
  const history = input.detail.events.map((e) => [
    e.at.slice(0, 10),
    `${e.orgName ? `${e.orgName} ` : ''}${e.actorName}`,
    e.note ?? '',
  ]);
  const doc = new Document({
    creator: input.office,
    title: `督办函 ${p.problemNo}`,
    styles: { default: { document: { run: { font: 'FangSong', size: 32 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: '督 办 函', font: 'SimHei', size: 44, bold: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 400 },
            children: [new TextRun({ text: input.serial, ...BODY })],
          }),
          line(`${lead}：`, { indent: false }),
          line(
            `${p.assignedOn ? `${chineseDate(p.assignedOn)}，` : ''}区重大项目办将“${p.project.name}”反映的“${p.title}”问题（编号${p.problemNo}）交由你单位主办${co ? `，${co}协办` : ''}，办理时限为${p.dueOn ? chineseDate(p.dueOn) : '—'}。截至${chineseDate(input.issuedOn)}，该问题尚未办结${late > 0 ? `，已超过办理时限${late}个工作日` : ''}。`,
          ),
          line(
            `请你单位高度重视，主要负责同志亲自过问，于${chineseDate(input.replyBy)}前（${input.replyWithinWorkingDays}个工作日内）办结并书面反馈办理情况；确有困难的，请书面说明原因、下一步措施和完成时限。逾期未办结的，将按程序提请上一级协调并纳入年度考核。`,
          ),
          line('附：问题基本情况及办理记录', { indent: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
          }),
          new Paragraph({ spacing: { before: 200 }, children: [] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
              bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
            },
            rows: [
              new TableRow({ children: [cell('日期', true), cell('办理人', true), cell('办理情况', true)] }),
              ...history.map(
                ([a, b, c]) => new TableRow({ children: [cell(a ?? ''), cell(b ?? ''), cell(c ?? '')] }),
              ),
            ],
          }),
          new Paragraph({ spacing: { before: 600 }, children: [] }),
          line(input.office, { indent: false, align: AlignmentType.RIGHT }),
          line(chineseDate(input.issuedOn), { indent: false, align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
