import { PlusOutlined } from '@ant-design/icons';
import type { Project } from '@groundbreak/contract';
import { wanToYuan } from '@groundbreak/domain';
import type { TableProps } from 'antd';
import { App, Button, Card, Empty, Flex, Form, InputNumber, Modal, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { RowActionButton } from '../../components/row-action-button';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { fieldErrorsOf } from '../../lib/form-errors';
import { formatRate, formatWan, yuanToWanText } from '../../lib/format';
import { usePutYearPlan, useYearPlans } from './plans-api';
import { WanInput } from './project-inputs';

interface YearPlan {
  year: number;
  plannedInvestment: number;
  version: number;
}

interface EditingPlan {
  year?: number;
  plannedInvestment?: number;
  version: number;
}

interface YearPlanModalProps {
  project: Project;
  editing: EditingPlan | undefined;
  onClose: () => void;
  /** After a 409: loads the year as now saved, keeping the amount typed. */
  onReload: (year: number) => Promise<void>;
}

function YearPlanModal({ project, editing, onClose, onReload }: YearPlanModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; amount: string }>();
  const putPlan = usePutYearPlan(project.id);
  const [submitError, setSubmitError] = useState<unknown>();
  const [isReloading, setReloading] = useState(false);
  const isNew = editing?.year === undefined;

  async function handleReload() {
    setReloading(true);
    try {
      await onReload(form.getFieldValue('year') as number);
      setSubmitError(undefined);
    } finally {
      setReloading(false);
    }
  }

  function handleFinish(values: { year: number; amount: string }) {
    const yuan = wanToYuan(values.amount);
    if (yuan === null || !editing) return;
    putPlan.mutate(
      { year: values.year, plannedInvestment: yuan, version: editing.version },
      {
        onSuccess: () => {
          message.success(`已保存 ${values.year}年计划投资 ${formatWan(yuan)} 万元`);
          onClose();
        },
        onError: (error) => {
          // The server names the amount `plannedInvestment`; the form calls it `amount` (it holds 万元).
          const problems = fieldErrorsOf(error).filter((problem) => problem.field === 'plannedInvestment');
          if (problems.length > 0)
            form.setFields([{ name: 'amount', errors: problems.map((p) => p.message) }]);
          else setSubmitError(error);
        },
      },
    );
  }

  return (
    <Modal
      open={editing !== undefined}
      title={isNew ? '申报年度计划投资' : `修改 ${editing?.year}年计划投资`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'year-plan-form' }}
      confirmLoading={putPlan.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        id="year-plan-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{
          year: editing?.year ?? dayjs().year() + 1,
          amount: yuanToWanText(editing?.plannedInvestment),
        }}
        onFinish={handleFinish}
        onValuesChange={() => setSubmitError(undefined)}
      >
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            suffix="年"
            disabled={!isNew}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label="年度计划投资"
          extra={
            project.totalInvestment !== null
              ? `不超过总投资 ${formatWan(project.totalInvestment)} 万元`
              : '按万元填写，可保留 4 位小数'
          }
          rules={[
            { required: true, whitespace: true, message: '请填写年度计划投资' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value?.trim()) return;
                const yuan = wanToYuan(value);
                if (yuan === null || yuan < 0) throw new Error('请输入金额（万元），如 5000 或 1234.5');
                if (project.totalInvestment !== null && yuan > project.totalInvestment) {
                  throw new Error('年度计划投资不能超过总投资');
                }
              },
            },
          ]}
        >
          <WanInput />
        </Form.Item>
        <SubmitErrorAlert error={submitError} onReload={handleReload} isReloading={isReloading} />
      </Form>
    </Modal>
  );
}

/** 年度计划投资: what the project plans to invest each year (the annual plan freezes these). */
export function YearPlansTab({ project }: { project: Project }) {
  const { data, error, isPending, refetch } = useYearPlans(project.id);
  const [editing, setEditing] = useState<EditingPlan>();
  const canDeclare = project.abilities.applyLibrary;
  const total = (data ?? []).reduce((sum, plan) => sum + plan.plannedInvestment, 0);

  const columns: TableProps<YearPlan>['columns'] = [
    { key: 'year', title: '年度', render: (_, plan) => `${plan.year}年` },
    {
      key: 'amount',
      title: '年度计划投资（万元）',
      align: 'right',
      render: (_, plan) => formatWan(plan.plannedInvestment),
    },
    {
      key: 'share',
      title: '占总投资',
      align: 'right',
      render: (_, plan) =>
        project.totalInvestment ? formatRate(plan.plannedInvestment / project.totalInvestment) : '—',
    },
  ];
  if (canDeclare) {
    columns.push({
      key: 'actions',
      title: '操作',
      render: (_, plan) => <RowActionButton label="修改" onClick={() => setEditing(plan)} />,
    });
  }

  return (
    <Card
      size="small"
      variant="borderless"
      title="年度计划投资"
      extra={
        canDeclare && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ version: 0 })}>
            申报年度计划投资
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
        <Table<YearPlan>
          rowKey="year"
          size="middle"
          loading={isPending}
          columns={columns}
          dataSource={data ?? []}
          pagination={false}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未申报年度计划投资" />,
          }}
          summary={() =>
            data && data.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong>{formatWan(total)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} colSpan={canDeclare ? 2 : 1} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Flex>
      <YearPlanModal
        project={project}
        editing={editing}
        onClose={() => setEditing(undefined)}
        onReload={async (year) => {
          const latest = await refetch();
          const current = latest.data?.find((plan) => plan.year === year);
          setEditing((previous) => previous && { ...previous, version: current?.version ?? 0 });
        }}
      />
    </Card>
  );
}
