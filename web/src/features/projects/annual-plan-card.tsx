import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { TableProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { describeError } from '../../lib/describe-error';
import { EMPTY_VALUE, formatDateTime, formatYi } from '../../lib/format';
import { isApiError } from '../../lib/http';
import { PlanItems } from './annual-plan-items';
import { useAnnualPlans, useApproveAnnualPlan } from './plans-api';

interface PlanVersion {
  id: string;
  version: number;
  status: 'approved' | 'superseded';
  note: string | null;
  approvedAt: string;
  approvedByName: string;
  projectCount: number;
  plannedInvestmentTotal: number;
}

function ApproveModal(props: {
  year: number;
  open: boolean;
  draft: { projectCount: number; plannedInvestmentTotal: number } | undefined;
  nextVersion: number;
  onClose: () => void;
}) {
  const { year, open, draft, nextVersion, onClose } = props;
  const { message } = App.useApp();
  const approve = useApproveAnnualPlan(year);
  return (
    <Modal
      open={open}
      title={`审定${year}年度计划`}
      okText="确认审定"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'approve-plan-form' }}
      confirmLoading={approve.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        id="approve-plan-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={({ note }: { note?: string }) =>
          approve.mutate(note?.trim() || undefined, {
            onSuccess: ({ plan }) => {
              message.success(`已审定${year}年度计划第 ${plan.version} 版`);
              onClose();
            },
            onError: (error) =>
              message.error(
                isApiError(error) && error.status === 403
                  ? '只有区发改可以审定年度计划'
                  : describeError(error).message,
              ),
          })
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`将冻结当前申报的 ${draft?.projectCount ?? 0} 个项目、年度计划投资 ${formatYi(draft?.plannedInvestmentTotal ?? 0)} 亿元，形成第 ${nextVersion} 版`}
          description="统计分析按最新审定的版本计算计划类别和年度计划投资；之前的版本保留备查。"
        />
        <Form.Item name="note" label="说明" extra="如审定依据的会议或文件，可不填">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：经区政府常务会议审定" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 年度计划: the live figures, 审定年度计划 (区发改), the approved versions and the projects of one. */
export function AnnualPlanCard({ year, canApprove }: { year: number; canApprove: boolean }) {
  const { data, error, isPending, refetch } = useAnnualPlans(year);
  const [isApproving, setApproving] = useState(false);
  const [selected, setSelected] = useState<number>();
  const versions = data?.items ?? [];
  const currentPlan = versions.find((plan) => plan.status === 'approved') ?? versions[0];
  const shown = selected ?? currentPlan?.version;

  const versionColumns: TableProps<PlanVersion>['columns'] = [
    { key: 'version', title: '版本', render: (_, plan) => `第 ${plan.version} 版` },
    {
      key: 'status',
      title: '状态',
      render: (_, plan) =>
        plan.status === 'approved' ? <Tag color="green">现行</Tag> : <Tag variant="filled">已替代</Tag>,
    },
    { key: 'approvedAt', title: '审定时间', render: (_, plan) => formatDateTime(plan.approvedAt) },
    { key: 'approvedBy', title: '审定人', render: (_, plan) => plan.approvedByName },
    { key: 'count', title: '项目数', align: 'right', render: (_, plan) => plan.projectCount },
    {
      key: 'total',
      title: '年度计划投资（亿元）',
      align: 'right',
      render: (_, plan) => formatYi(plan.plannedInvestmentTotal),
    },
    { key: 'note', title: '说明', render: (_, plan) => plan.note ?? EMPTY_VALUE },
    {
      key: 'actions',
      title: '操作',
      render: (_, plan) =>
        plan.version === shown ? (
          <Typography.Text type="secondary">正在查看</Typography.Text>
        ) : (
          <Button type="link" size="small" onClick={() => setSelected(plan.version)}>
            查看项目
          </Button>
        ),
    },
  ];

  return (
    <Card
      variant="borderless"
      title={`${year}年度计划`}
      extra={
        canApprove && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setApproving(true)}>
            审定年度计划
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic
              title="当前申报项目数"
              value={data?.draft.projectCount ?? 0}
              loading={isPending}
              suffix="个"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="年度计划投资合计"
              value={data ? formatYi(data.draft.plannedInvestmentTotal) : '0'}
              loading={isPending}
              suffix="亿元"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="现行版本"
              value={currentPlan ? `第 ${currentPlan.version} 版` : '尚未审定'}
              loading={isPending}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="现行版本计划投资"
              value={currentPlan ? formatYi(currentPlan.plannedInvestmentTotal) : EMPTY_VALUE}
              loading={isPending}
              suffix={currentPlan ? '亿元' : undefined}
            />
          </Col>
        </Row>
        <Table<PlanVersion>
          rowKey="id"
          size="small"
          columns={versionColumns}
          dataSource={versions}
          pagination={false}
          loading={isPending}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={`${year}年度计划尚未审定${canApprove ? '，核对申报数后点击"审定年度计划"' : ''}`}
              />
            ),
          }}
        />
        {shown !== undefined && (
          <Flex vertical gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              第 {shown} 版计划项目
            </Typography.Title>
            <PlanItems key={shown} year={year} version={shown} />
          </Flex>
        )}
      </Flex>
      <ApproveModal
        year={year}
        open={isApproving}
        draft={data?.draft}
        nextVersion={Math.max(0, ...versions.map((plan) => plan.version)) + 1}
        onClose={() => setApproving(false)}
      />
    </Card>
  );
}
