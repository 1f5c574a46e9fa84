import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { campaignListResponse } from '@groundbreak/contract';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Typography, Upload } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { describeError } from '../../lib/describe-error';
import { http } from '../../lib/http';
import { useCan } from '../auth/use-current-user';
import { importKeys, useUploadSheet } from '../imports/api';
import { ImportWizard } from '../imports/import-wizard';

// 整治任务 › 导入: a campaign's tasks from a sheet. The upload names the campaign (?campaignId=), which the
// shared wizard's own upload step cannot send, so this page uploads and hands the job to the wizard (preview,
// commit, progress, 最近导入) through the URL's ?job=, as the wizard itself does.

const BASE = '/api/campaign-tasks/imports';
/** The task lists of the campaigns feature: stale once rows are written. */
const TASK_KEYS = ['campaign-tasks'] as const;

/** The campaigns in scope, newest first (a district runs a handful: one page of 100 holds them all). */
function useCampaignChoices() {
  return useQuery({
    queryKey: ['campaigns', 'list'],
    queryFn: ({ signal }) =>
      http.get('/api/campaigns', {
        signal,
        query: { page: 1, pageSize: 100, sort: '-startOn' },
        schema: campaignListResponse,
      }),
    staleTime: 60_000,
  });
}

export function TaskImportPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const canImport = useCan('campaign.write');
  const jobId = params.get('job');
  const campaignId = params.get('campaignId') ?? undefined;
  if (!canImport) return <ForbiddenResult />;
  return (
    <PageContainer
      title="导入整治任务"
      description="每行一个点位：任务编号是本行动中您范围内的任务时更新该任务（已验收销号的不能修改），否则登记为新任务（待整治，编号由系统生成）。只能登记本区、您数据范围内的板块。先预览、再确认，全部成功或全部不写入；导出的任务表改好后可直接导入"
    >
      {jobId ? (
        <ImportWizard
          base={BASE}
          noun="整治任务"
          templateHref="/api/campaign-tasks/import-template"
          invalidates={TASK_KEYS}
          done={{
            label: '查看整治任务',
            onClick: () => navigate(`/campaigns/tasks${campaignId ? `?campaignId=${campaignId}` : ''}`),
          }}
        />
      ) : (
        <UploadCard
          campaignId={campaignId}
          onCampaign={(id) => setParams(id ? { campaignId: id } : {}, { replace: true })}
          onUploaded={(id) => setParams({ ...(campaignId ? { campaignId } : {}), job: id })}
        />
      )}
    </PageContainer>
  );
}

function UploadCard({
  campaignId,
  onCampaign,
  onUploaded,
}: {
  campaignId: string | undefined;
  onCampaign: (id: string | undefined) => void;
  onUploaded: (jobId: string) => void;
}) {
  const { message } = App.useApp();
  const campaigns = useCampaignChoices();
  const upload = useUploadSheet(`${BASE}?campaignId=${campaignId ?? ''}`, importKeys.all(BASE));
  return (
    <Card
      title="上传整治任务表格"
      extra={
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href="/api/campaign-tasks/import-template">
            下载模板
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={campaignId ? `/api/campaign-tasks/export?campaignId=${campaignId}` : undefined}
            disabled={!campaignId}
          >
            导出本行动任务
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {campaigns.isError && <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
        <Select
          aria-label="专项行动"
          placeholder="先选择导入到哪个专项行动"
          style={{ maxWidth: 480 }}
          loading={campaigns.isPending}
          value={campaignId}
          onChange={(id: string | undefined) => onCampaign(id)}
          allowClear
          options={campaigns.data?.items.map((c) => ({
            value: c.id,
            label: `${c.name}（${c.startOn} 至 ${c.endOn}）`,
          }))}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          类别填名称或代码；批次填本行动的批次名称；板块、责任单位填平台中的名称。只填本行类别的数量列，投资（万元）只填微更新项目。
          空白单元格表示不修改原值；状态、亮灯等只读列不会导入。上传后先生成预览，确认前不写入任何数据。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={!campaignId || upload.isPending}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (data) => {
                onSuccess?.(data);
                onUploaded(data.job.id);
              },
              onError: (error) => {
                onError?.(error as Error);
                void message.error(describeError(error).message);
              },
            });
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {!campaignId
              ? '请先选择专项行动'
              : upload.isPending
                ? '正在上传…'
                : '点击或拖入 Excel 文件（.xlsx）'}
          </p>
          <p className="ant-upload-hint">单个文件不超过 20 MB；.xls 请先在 Excel 中另存为 .xlsx</p>
        </Upload.Dragger>
      </Flex>
    </Card>
  );
}
