import type { About } from '@groundbreak/contract';
import type { DescriptionsProps } from 'antd';
import { Card, Descriptions, Skeleton, Tag } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { useAbout } from './api';

const MODE_LABELS: Record<About['mode'], string> = { demo: '演示模式', production: '生产模式' };
const DATABASE_KIND_LABELS: Record<About['database']['kind'], string> = {
  embedded: '内置 PostgreSQL',
  external: '外部 PostgreSQL',
};

function toItems(about: About): DescriptionsProps['items'] {
  const { database } = about;
  return [
    { key: 'version', label: '版本', children: about.version },
    {
      key: 'mode',
      label: '运行模式',
      children: (
        <Tag color={about.mode === 'demo' ? 'orange' : 'green'} variant="outlined">
          {MODE_LABELS[about.mode]}
        </Tag>
      ),
    },
    {
      key: 'database',
      label: '数据库',
      children: `${DATABASE_KIND_LABELS[database.kind]} ${database.serverVersion}`,
    },
    { key: 'databaseName', label: '数据库名', children: database.name },
    { key: 'encoding', label: '编码/字符分类', children: `${database.encoding} / ${database.ctype}` },
    { key: 'address', label: '地址', children: database.address },
    { key: 'migrations', label: '已执行迁移数', children: database.migrations },
    { key: 'startedAt', label: '启动时间', children: formatDateTime(about.startedAt) },
    { key: 'node', label: 'Node.js 版本', children: about.node },
  ];
}

/** 关于: what is running, for support calls ("which version, which database?"). */
export function AboutPage() {
  const { data, error, isPending, refetch } = useAbout();
  return (
    <PageContainer title="关于本系统" description={data?.name ?? '版本与运行环境信息，联系技术支持时请提供'}>
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
      {(isPending || data) && (
        <Card variant="borderless">
          {data ? (
            <Descriptions bordered column={{ xs: 1, md: 2 }} items={toItems(data)} />
          ) : (
            <Skeleton active paragraph={{ rows: 6 }} />
          )}
        </Card>
      )}
    </PageContainer>
  );
}
