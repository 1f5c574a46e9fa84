import type { Project } from '@groundbreak/contract';
import { Descriptions, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { EMPTY_VALUE, formatNumber, formatWan } from '../../lib/format';
import { useProjectMu } from '../opendata/api';
import { MuClassTag, taxPerMuText } from '../opendata/mu-parts';

// The project's 亩均 tab: its company's class per year as tags, and each year's figures with 亩均税收
// computed (实缴税收 ÷ 用地面积).

const money = (yuan: number | null) => (yuan === null ? EMPTY_VALUE : `${formatWan(yuan, 2)} 万元`);

/** The project's 亩均 tab: its company's class per year. */
export function ProjectMuTab({ project }: { project: Project }) {
  const mu = useProjectMu(project.id);
  if (mu.error) return <ErrorAlert error={mu.error} onRetry={() => void mu.refetch()} />;
  if (!mu.data) return <Skeleton active />;
  const { uscc, items } = mu.data;
  if (!uscc) return <Empty description="项目尚未填写建设单位的统一社会信用代码，无法对应亩均评价" />;
  if (items.length === 0)
    return <Empty description={`建设单位（${uscc}）尚无亩均评价：区工信局每年导入评价结果后在此显示`} />;
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="建设单位">
          {items[0]?.enterpriseName}（{uscc}）
        </Descriptions.Item>
        <Descriptions.Item label="各年度类别">
          {items.map((m) => (
            <MuClassTag key={m.id} muClass={m.muClass} year={m.year} />
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        scroll={{ x: 900 }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '类别', key: 'class', width: 80, render: (_, m) => <MuClassTag muClass={m.muClass} /> },
          {
            title: '综合得分',
            key: 'score',
            align: 'right',
            render: (_, m) => (m.score === null ? EMPTY_VALUE : formatNumber(m.score, 1)),
          },
          {
            title: '亩均税收',
            key: 'taxPerMu',
            align: 'right',
            render: (_, m) => <strong>{taxPerMuText(m.taxPerMuYuan)}</strong>,
          },
          { title: '实缴税收', key: 'tax', align: 'right', render: (_, m) => money(m.taxYuan) },
          { title: '销售收入', key: 'sales', align: 'right', render: (_, m) => money(m.salesYuan) },
          {
            title: '用地面积',
            key: 'land',
            align: 'right',
            render: (_, m) => (m.landMu === null ? EMPTY_VALUE : `${formatNumber(m.landMu, 1)} 亩`),
          },
          {
            title: '综合能耗',
            key: 'energy',
            align: 'right',
            render: (_, m) => (m.energyTce === null ? EMPTY_VALUE : `${formatNumber(m.energyTce, 0)} 吨标煤`),
          },
          {
            title: '职工人数',
            key: 'employees',
            align: 'right',
            render: (_, m) => m.employees ?? EMPTY_VALUE,
          },
          { title: '研发经费', key: 'rd', align: 'right', render: (_, m) => money(m.rdYuan) },
        ]}
      />
      <Typography.Text type="secondary">
        A 类优先发展、B 类鼓励提升、C 类帮扶转型、D 类倒逼整治，T
        类不参评（投产不满两年等）。数据来自区工业企业资源集约利用综合评价。
      </Typography.Text>
    </Flex>
  );
}
