import { UploadOutlined } from '@ant-design/icons';
import type { MuEvaluation } from '@groundbreak/contract';
import { MU_CLASS_COLORS, MU_CLASS_LABELS } from '@groundbreak/contract';
import { MU_CLASSES } from '@groundbreak/domain';
import { Button, Card, Flex, Progress, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatNumber, formatWan } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useMuEvaluations } from './api';
import { MuClassTag, taxPerMuText } from './mu-parts';

// 亩均评价: each enterprise's class and figures per year in the caller's view, with the year's class
// distribution above the list; 工信 and 区发改 import the district's yearly result.

const money = (yuan: number | null) => (yuan === null ? EMPTY_VALUE : formatWan(yuan, 2));

const COLUMNS: ListColumn<MuEvaluation>[] = [
  { key: 'year', title: '年度', sortField: 'year', width: 80, render: (m) => m.year },
  {
    key: 'enterpriseName',
    title: '企业',
    sortField: 'enterpriseName',
    isRequired: true,
    render: (m) => (
      <span>
        {m.enterpriseName}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {m.uscc}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'muClass', title: '类别', width: 90, render: (m) => <MuClassTag muClass={m.muClass} /> },
  {
    key: 'score',
    title: '综合得分',
    sortField: 'score',
    width: 100,
    align: 'right',
    render: (m) => (m.score === null ? EMPTY_VALUE : formatNumber(m.score, 1)),
  },
  {
    key: 'taxPerMu',
    title: '亩均税收',
    sortField: 'taxPerMu',
    width: 150,
    align: 'right',
    render: (m) => taxPerMuText(m.taxPerMuYuan),
  },
  { key: 'sales', title: '销售收入（万元）', width: 140, align: 'right', render: (m) => money(m.salesYuan) },
  { key: 'tax', title: '实缴税收（万元）', width: 140, align: 'right', render: (m) => money(m.taxYuan) },
  {
    key: 'land',
    title: '用地（亩）',
    width: 100,
    align: 'right',
    render: (m) => (m.landMu === null ? EMPTY_VALUE : formatNumber(m.landMu, 1)),
  },
  {
    key: 'energy',
    title: '能耗（吨标煤）',
    width: 120,
    align: 'right',
    isHiddenByDefault: true,
    render: (m) => (m.energyTce === null ? EMPTY_VALUE : formatNumber(m.energyTce, 0)),
  },
  {
    key: 'employees',
    title: '职工人数',
    width: 100,
    align: 'right',
    isHiddenByDefault: true,
    render: (m) => m.employees ?? EMPTY_VALUE,
  },
  {
    key: 'rd',
    title: '研发经费（万元）',
    width: 140,
    align: 'right',
    isHiddenByDefault: true,
    render: (m) => money(m.rdYuan),
  },
];

function Distribution({ items, year }: { items: { muClass: string; count: number }[]; year?: string }) {
  const total = items.reduce((sum, i) => sum + i.count, 0);
  return (
    <Card size="small" title={`${year ? `${year}年度` : '各年度合计'}类别分布（共 ${total} 家次）`}>
      <Flex gap={24} wrap>
        {items.map((i) => (
          <Flex key={i.muClass} vertical style={{ minWidth: 150 }}>
            <Typography.Text>
              {MU_CLASS_LABELS[i.muClass as (typeof MU_CLASSES)[number]]}：<strong>{i.count}</strong> 家
            </Typography.Text>
            <Progress
              percent={total > 0 ? Math.round((i.count / total) * 1000) / 10 : 0}
              strokeColor={colourOf(i.muClass)}
              size="small"
            />
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

const PRESET_HEX: Record<string, string> = {
  green: '#52c41a',
  blue: '#1677ff',
  orange: '#fa8c16',
  red: '#f5222d',
  default: '#bfbfbf',
};
const colourOf = (c: string) => PRESET_HEX[MU_CLASS_COLORS[c as (typeof MU_CLASSES)[number]]] ?? '#bfbfbf';

export function MuListPage() {
  const navigate = useNavigate();
  const canImport = useCan('evaluation.admin');
  const filters = useMemo<ListFilter[]>(() => {
    const thisYear = new Date().getFullYear();
    return [
      { key: 'keyword', label: '企业', kind: 'text', placeholder: '企业名称或统一社会信用代码' },
      {
        key: 'year',
        label: '年度',
        kind: 'select',
        options: Array.from({ length: 8 }, (_, i) => String(thisYear - i)).map((y) => ({
          value: y,
          label: `${y}年度`,
        })),
      },
      {
        key: 'muClass',
        label: '类别',
        kind: 'select',
        options: MU_CLASSES.map((c) => ({ value: c, label: MU_CLASS_LABELS[c] })),
      },
    ];
  }, []);
  const state = useListSearchParams({ filters, sortFields: ['year', 'enterpriseName', 'score', 'taxPerMu'] });
  const result = useMuEvaluations(state.query);
  return (
    <PageContainer
      title="亩均评价"
      description="工业企业资源集约利用综合评价：A 类优先发展、B 类鼓励提升、C 类帮扶转型、D 类倒逼整治，T 类不参评（公用事业、投产不满两年的新企业等）。亩均税收 = 实缴税收 ÷ 用地面积"
    >
      <Flex vertical gap={16}>
        {result.data ? <Distribution items={result.data.distribution} year={state.filters.year} /> : null}
        <ListPage<MuEvaluation>
          listId="mu-evaluations"
          state={state}
          filters={filters}
          columns={COLUMNS}
          result={result}
          rowKey={(m) => m.id}
          actions={
            canImport ? (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/mu-evaluations/import')}>
                导入
              </Button>
            ) : undefined
          }
          emptyText={canImport ? '暂无亩均评价，点击“导入”上传区工信局的年度评价结果' : '暂无亩均评价'}
        />
      </Flex>
    </PageContainer>
  );
}
