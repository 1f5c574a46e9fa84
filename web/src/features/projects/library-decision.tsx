import type { LibraryEntry } from '@groundbreak/contract';
import { LIBRARY_LEVEL_LABELS } from '@groundbreak/contract';
import { Alert, App, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ReasonModal } from '../../components/reason-modal';
import { describeError } from '../../lib/describe-error';
import { isApiError } from '../../lib/http';
import { useDecideLibrary } from './library-api';

export type DecisionKind = 'approve' | 'return' | 'withdraw';

export interface PendingDecision {
  kind: DecisionKind;
  entry: Pick<LibraryEntry, 'id' | 'projectId' | 'level' | 'year' | 'version'>;
  projectName: string;
}

const DONE_MESSAGES: Record<DecisionKind, string> = {
  approve: '已通过，项目已入库',
  return: '已退回申报',
  withdraw: '已退库',
};

function ApproveModal({
  decision,
  isSaving,
  onCancel,
  onSubmit,
}: {
  decision: PendingDecision | undefined;
  isSaving: boolean;
  onCancel: () => void;
  onSubmit: (enteredOn: string | undefined) => void;
}) {
  const [form] = Form.useForm<{ enteredOn: Dayjs | null }>();
  const what = decision
    ? `${decision.projectName} · ${decision.entry.year}年${LIBRARY_LEVEL_LABELS[decision.entry.level]}`
    : '';
  return (
    <Modal
      open={decision?.kind === 'approve'}
      title="入库审核通过"
      okText="确认通过"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'approve-library-form' }}
      confirmLoading={isSaving}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        id="approve-library-form"
        layout="vertical"
        initialValues={{ enteredOn: dayjs() }}
        style={{ marginTop: 16 }}
        onFinish={({ enteredOn }) => onSubmit(enteredOn ? enteredOn.format('YYYY-MM-DD') : undefined)}
      >
        <Alert type="info" showIcon title={what} style={{ marginBottom: 16 }} />
        <Form.Item name="enteredOn" label="入库日期" extra="统计按入库日期计入当年的新入库数；默认今天">
          <DatePicker
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 通过 / 退回 / 退库 of a library application (区发改): the dialogs and the call, for the tab and the queue. */
export function useLibraryDecision() {
  const { message, modal } = App.useApp();
  const decide = useDecideLibrary();
  const [pending, setPending] = useState<PendingDecision>();

  function send(
    body: { decision: 'approve'; enteredOn?: string } | { decision: 'return' | 'withdraw'; reason: string },
  ) {
    if (!pending) return;
    const { entry } = pending;
    decide.mutate(
      { ...body, version: entry.version, projectId: entry.projectId, entryId: entry.id },
      {
        onSuccess: () => {
          message.success(`${pending.projectName}：${DONE_MESSAGES[pending.kind]}`);
          setPending(undefined);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409) {
            setPending(undefined);
            modal.warning({
              title: '申报已被他人处理',
              content: `${error.message}。列表已刷新，请核对后再操作。`,
            });
            return;
          }
          message.error(describeError(error).message);
        },
      },
    );
  }

  const dialogs = (
    <>
      <ApproveModal
        decision={pending}
        isSaving={decide.isPending}
        onCancel={() => setPending(undefined)}
        onSubmit={(enteredOn) => send({ decision: 'approve', ...(enteredOn ? { enteredOn } : {}) })}
      />
      <ReasonModal
        open={pending?.kind === 'return'}
        title={`退回申报 — ${pending?.projectName ?? ''}`}
        okText="确认退回"
        label="退回理由"
        placeholder="如：前期手续不全，请补充备案证后重新申报"
        isDanger
        isSaving={decide.isPending}
        onCancel={() => setPending(undefined)}
        onSubmit={(reason) => send({ decision: 'return', reason })}
      />
      <ReasonModal
        open={pending?.kind === 'withdraw'}
        title={`退库 — ${pending?.projectName ?? ''}`}
        okText="确认退库"
        label="退库理由"
        warning="退库后项目不再属于该项目库；已计入的当年新入库数不扣减"
        isDanger
        isSaving={decide.isPending}
        onCancel={() => setPending(undefined)}
        onSubmit={(reason) => send({ decision: 'withdraw', reason })}
      />
    </>
  );

  return { open: setPending, dialogs };
}
