import { useNavigate } from 'react-router';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { useCan } from '../auth/use-current-user';
import { ImportWizard } from '../imports/import-wizard';
import { MU_IMPORT_BASE, MU_TEMPLATE_HREF, openDataKeys } from './api';

// 亩均评价 › 导入: the district's yearly result through the shared import wizard.

export function MuImportPage() {
  const navigate = useNavigate();
  const canImport = useCan('evaluation.admin');
  if (!canImport) return <ForbiddenResult />;
  return (
    <PageContainer
      title="导入亩均评价"
      description="每行一家企业一个年度：按统一社会信用代码（校验位核对）和评价年度匹配，已有的更新、没有的新增；类别为 A、B、C、D 或 T，金额单位万元。先预览、再确认，全部成功或全部不写入"
    >
      <ImportWizard
        base={MU_IMPORT_BASE}
        noun="亩均评价"
        templateHref={MU_TEMPLATE_HREF}
        invalidates={openDataKeys.mu}
        done={{ label: '查看亩均评价', onClick: () => navigate('/mu-evaluations') }}
      />
    </PageContainer>
  );
}
