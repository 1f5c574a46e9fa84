import type { Project, StateChange } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { LandUse, ProjectState } from '@groundbreak/domain';
import { MAIN_SEQUENCE, needsLand } from '@groundbreak/domain';
import { Steps, Typography } from 'antd';
import { formatDate } from '../../lib/format';

const LAND_STATES: readonly ProjectState[] = ['LAND_PREP', 'LAND_SUPPLIED'];

/** The main sequence this project follows: with the land states, or (租赁厂房、技改) without them. */
export function pathOf(landUse: LandUse | null): readonly ProjectState[] {
  if (landUse === null || needsLand(landUse)) return MAIN_SEQUENCE;
  return MAIN_SEQUENCE.filter((state) => !LAND_STATES.includes(state));
}

/** Where on the main sequence the project stands; a side state shows at the state it left. */
function standingOf(project: Project, changes: readonly StateChange[]): ProjectState | undefined {
  if (project.state === 'SUSPENDED') return project.suspendedFromState ?? undefined;
  if (project.state === 'TERMINATED') {
    const terminated = [...changes].reverse().find((change) => change.toState === 'TERMINATED');
    return terminated?.fromState ?? undefined;
  }
  return project.state;
}

interface LifecycleStepsProps {
  project: Project;
  changes: readonly StateChange[];
}

/** The lifecycle bar: where the project is on its path, with the date each state was reached. */
export function LifecycleSteps({ project, changes }: LifecycleStepsProps) {
  const path = pathOf(project.landUse as LandUse | null);
  const standing = standingOf(project, changes);
  const current = standing ? path.indexOf(standing) : -1;
  const isSide = project.state === 'SUSPENDED' || project.state === 'TERMINATED';
  const reachedOn = (state: ProjectState) => {
    const change = [...changes].reverse().find((item) => item.toState === state);
    return change ? formatDate(change.at) : undefined;
  };

  return (
    <div>
      <Steps
        size="small"
        titlePlacement="vertical"
        current={current}
        status={isSide ? 'error' : current === path.length - 1 ? 'finish' : 'process'}
        items={path.map((state, index) => ({
          key: state,
          title: PROJECT_STATE_LABELS[state],
          content:
            index === current && isSide
              ? PROJECT_STATE_LABELS[project.state]
              : index <= current
                ? reachedOn(state)
                : undefined,
        }))}
      />
      {project.landUse === null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          用地方式未填写，暂按新增用地路径（含供地准备、已供地）显示
        </Typography.Text>
      )}
    </div>
  );
}
