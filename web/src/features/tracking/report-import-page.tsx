import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { useCan } from '../auth/use-current-user';
import { ImportWizard } from '../imports/import-wizard';
import { reportKeys } from './api';

/** 月报 › 导入: a month's reports from the 板块's sheet, through the shared import wizard. */
export function ReportImportPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const canImport = useCan('report.write');
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : dayjs()
        .subtract(dayjs().date() <= 25 ? 1 : 0, 'month')
        .format('YYYY-MM');
  if (!canImport) return <ForbiddenResult />;
  return (
    <PageContainer
      title="导入月报"
      description={`按项目编号和月份找到月报：没有的新建为草稿，草稿或被退回的更新；已提交、已确认或已关账的月份不能改。导入的月报是草稿，已开工项目上传现场照片后逐个提交。模板即 ${month} 的填报表（范围内应报项目及已填内容）`}
    >
      <ImportWizard
        base="/api/monthly-reports/imports"
        noun="月报"
        templateHref={`/api/monthly-reports/export?month=${month}`}
        invalidates={reportKeys.all}
        done={{ label: '查看月报', onClick: () => navigate(`/scheduling/reports?month=${month}`) }}
      />
    </PageContainer>
  );
}
