import { ArrowRightOutlined, EditOutlined } from '@ant-design/icons';
import type { Project, TransitionBody } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { ProjectState } from '@groundbreak/domain';
import { isSuspendable } from '@groundbreak/domain';
import { App, Button, Flex } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ReasonModal } from '../../components/reason-modal';
import { describeError } from '../../lib/describe-error';
import { isApiError } from '../../lib/http';
import { useDeleteProject, useFetchProject, useTransitionProject } from './api';
import type { GateRefusal } from './gate-refusal-modal';
import { GateRefusalModal, gateRefusalOf } from './gate-refusal-modal';
import { SuspendModal } from './move-modals';

type Dialog = 'suspend' | 'terminate' | 'delete';

interface ProjectActionsProps {
  project: Project;
  /** Opens the 基本信息 tab in edit mode. */
  onEdit: () => void;
}

/** The lifecycle buttons of the header: 推进到「X」, 编辑, 停缓建 / 恢复, 终止, 删除 — as far as abilities allow. */
export function ProjectActions({ project, onEdit }: ProjectActionsProps) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const transition = useTransitionProject(project.id);
  const deleteProject = useDeleteProject(project.id);
  const fetchProject = useFetchProject();
  const [refusal, setRefusal] = useState<GateRefusal>();
  const [dialog, setDialog] = useState<Dialog>();
  const { abilities } = project;

  /** A refused gate opens the list of conditions; a 409 says why and offers to reload; the rest a message. */
  function handleMoveError(error: unknown, event: GateRefusal['event']) {
    const gate = gateRefusalOf(error, event);
    if (gate) {
      // A refused 停缓建 keeps its dialog open so the user corrects the input they gave.
      if (event !== 'suspend') setDialog(undefined);
      setRefusal(gate);
      return;
    }
    if (isApiError(error) && error.status === 409) {
      modal.warning({
        title: error.code === 'VERSION_CONFLICT' ? '项目已被他人修改' : '不能执行此操作',
        content: `${error.message}。请重新载入项目的最新状态后再操作。`,
        okText: '重新载入',
        onOk: () => fetchProject(project.id).catch(() => undefined),
      });
      return;
    }
    message.error(describeError(error).message);
  }

  async function move(body: TransitionBody, success: string): Promise<boolean> {
    try {
      const { project: moved } = await transition.mutateAsync(body);
      message.success(`${success}，项目当前状态「${PROJECT_STATE_LABELS[moved.state]}」`);
      setDialog(undefined);
      setRefusal(undefined);
      return true;
    } catch (error) {
      handleMoveError(error, body.type === 'terminate' ? 'advance' : body.type);
      return false;
    }
  }

  function confirmAdvance(to: ProjectState) {
    modal.confirm({
      title: `推进到「${PROJECT_STATE_LABELS[to]}」`,
      content: `确认将项目从「${PROJECT_STATE_LABELS[project.state]}」推进到「${PROJECT_STATE_LABELS[to]}」？系统会检查该阶段的条件，推进记录会写入状态时间线。`,
      okText: '确认推进',
      cancelText: '取消',
      onOk: () =>
        move({ type: 'advance', to, version: project.version }, `已推进到「${PROJECT_STATE_LABELS[to]}」`),
    });
  }

  function confirmResume() {
    const to = project.suspendedFromState ? PROJECT_STATE_LABELS[project.suspendedFromState] : '原状态';
    modal.confirm({
      title: '恢复建设',
      content: `确认恢复项目建设？项目将回到「${to}」，系统会重新检查进入该状态的条件。`,
      okText: '确认恢复',
      cancelText: '取消',
      onOk: () => move({ type: 'resume', version: project.version }, '项目已恢复'),
    });
  }

  function handleOverride(reason: string) {
    if (!refusal) return;
    const body: TransitionBody =
      refusal.event === 'resume'
        ? { type: 'resume', version: project.version, override: true, reason }
        : { type: 'advance', to: refusal.to, version: project.version, override: true, reason };
    void move(body, `已越过关口进入「${PROJECT_STATE_LABELS[refusal.to]}」`);
  }

  function handleDelete(reason: string) {
    deleteProject.mutate(
      { version: project.version, reason },
      {
        onSuccess: () => {
          message.success(`已删除项目「${project.name}」`);
          navigate('/projects');
        },
        onError: (error) => handleMoveError(error, 'advance'),
      },
    );
  }

  const canSuspend = abilities.move && isSuspendable(project.state);
  const canResume = abilities.move && project.state === 'SUSPENDED';

  return (
    <>
      <Flex gap={8} wrap justify="flex-end">
        {abilities.move &&
          project.nextStates.map((to, index) => (
            <Button
              key={to}
              type={index === 0 ? 'primary' : 'default'}
              icon={<ArrowRightOutlined />}
              onClick={() => confirmAdvance(to)}
            >
              推进到「{PROJECT_STATE_LABELS[to]}」
            </Button>
          ))}
        {canResume && (
          <Button type="primary" onClick={confirmResume}>
            恢复
          </Button>
        )}
        {abilities.edit && (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            编辑
          </Button>
        )}
        {canSuspend && <Button onClick={() => setDialog('suspend')}>停缓建</Button>}
        {abilities.terminate && (
          <Button danger onClick={() => setDialog('terminate')}>
            终止
          </Button>
        )}
        {abilities.delete && (
          <Button danger type="text" onClick={() => setDialog('delete')}>
            删除
          </Button>
        )}
      </Flex>
      <SuspendModal
        open={dialog === 'suspend'}
        isSaving={transition.isPending}
        onCancel={() => setDialog(undefined)}
        onSubmit={(values) =>
          void move({ type: 'suspend', version: project.version, ...values }, '项目已停缓建')
        }
      />
      <ReasonModal
        open={dialog === 'terminate'}
        title={`终止项目「${project.name}」`}
        okText="确认终止"
        label="终止原因"
        warning="终止后项目不再推进，只有区发改可以继续修改其信息"
        placeholder="如：投资方战略调整，项目不再实施"
        isDanger
        isSaving={transition.isPending}
        onCancel={() => setDialog(undefined)}
        onSubmit={(reason) =>
          void move({ type: 'terminate', version: project.version, reason }, '项目已终止')
        }
      />
      <ReasonModal
        open={dialog === 'delete'}
        title={`删除项目「${project.name}」`}
        okText="确认删除"
        label="删除原因"
        warning="删除用于误登记、重复登记的项目；删除后项目代码释放，记录保留在审计日志中。不再实施的项目请用「终止」"
        placeholder="如：与 WJ-2025-0012 重复登记"
        isDanger
        isSaving={deleteProject.isPending}
        onCancel={() => setDialog(undefined)}
        onSubmit={handleDelete}
      />
      <GateRefusalModal
        refusal={refusal}
        onClose={() => setRefusal(undefined)}
        onOverride={handleOverride}
        isOverriding={transition.isPending}
        onGoFill={abilities.edit ? onEdit : undefined}
      />
    </>
  );
}
