import { useNavigate } from 'react-router';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { useCan } from '../auth/use-current-user';
import { ImportWizard } from '../imports/import-wizard';
import { landKeys } from './api';

/** 地块台账 › 导入: the parcel sheet through the shared import wizard. */
export function ParcelImportPage() {
  const navigate = useNavigate();
  const canImport = useCan('land.write');
  if (!canImport) return <ForbiddenResult />;
  return (
    <PageContainer
      title="导入地块"
      description="按地块编号匹配已有地块并更新，其余行登记为新地块；先预览、再确认，全部成功或全部不写入。地块红线请在地块台账“导入边界”导入 GeoJSON"
    >
      <ImportWizard
        base="/api/parcels/imports"
        noun="地块"
        templateHref="/api/parcels/import-template"
        invalidates={landKeys.all}
        done={{ label: '查看地块台账', onClick: () => navigate('/land/parcels') }}
      />
    </PageContainer>
  );
}
