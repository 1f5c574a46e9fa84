import { useNavigate } from 'react-router';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { useCan } from '../auth/use-current-user';
import { ImportWizard } from '../imports/import-wizard';
import { projectKeys } from './api';

/** 项目库 › 导入: the project sheet through the shared import wizard. */
export function ProjectImportPage() {
  const navigate = useNavigate();
  const canImport = useCan('registry.write');
  if (!canImport) return <ForbiddenResult />;
  return (
    <PageContainer
      title="导入项目"
      description="按项目代码（其次内部编号）匹配已有项目并更新，其余行登记为新的招商线索；先预览、再确认，全部成功或全部不写入"
    >
      <ImportWizard
        base="/api/projects/imports"
        noun="项目"
        templateHref="/api/projects/import-template"
        invalidates={projectKeys.all}
        done={{ label: '查看项目库', onClick: () => navigate('/projects') }}
      />
    </PageContainer>
  );
}
