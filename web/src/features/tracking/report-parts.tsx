import { REPORT_STATUS_LABELS, type ReportStatus } from '@groundbreak/domain';
import { Tag } from 'antd';

const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  subarea_reviewed: 'blue',
  confirmed: 'green',
  returned: 'red',
};

/** A monthly report's status as a tag, coloured the same on every page. */
export function ReportStatusTag({ status, testId }: { status: ReportStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {REPORT_STATUS_LABELS[status]}
    </Tag>
  );
}
