import { LinkOutlined } from '@ant-design/icons';
import type { Project } from '@groundbreak/contract';
import { industryLabel } from '@groundbreak/contract';
import { Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RevealablePhone } from '../../components/revealable-phone';
import { EMPTY_VALUE, formatArea, formatDate, formatNumber, formatRate, formatWan } from '../../lib/format';
import { useRevealPhone } from './api';
import type { ProjectFieldDef } from './project-fields';
import { sectionsFor } from './project-fields';

const empty = <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;

/** 联系电话: masked; the full number with a reason, for users who may see it. */
function PhoneValue({ project }: { project: Project }) {
  const reveal = useRevealPhone(project.id);
  return (
    <RevealablePhone
      masked={project.contactPhoneMasked}
      canReveal={project.abilities.revealPhone}
      reveal={async (reason) => (await reveal.mutateAsync(reason)).contactPhone}
      isRevealing={reveal.isPending}
      placeholder="如：联系企业核实开工准备情况"
    />
  );
}

function formatValue(def: ProjectFieldDef, project: Project): ReactNode {
  const value = (project as Record<string, unknown>)[def.key];
  const unit = def.unit ? ` ${def.unit}` : '';
  switch (def.kind) {
    case 'phone':
      return <PhoneValue project={project} />;
    case 'region':
      return project.regionName;
    case 'org':
      return project.responsibleOrgName ?? empty;
    case 'leader':
      return project.leaderName ?? empty;
    case 'specialist':
      return project.specialistName ?? empty;
    case 'switch':
      return value ? <Tag color="green">是</Tag> : '否';
    case 'projectCode':
      return project.projectCode ? (
        <Typography.Text copyable style={{ fontVariantNumeric: 'tabular-nums' }}>
          {project.projectCode}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">未赋码</Typography.Text>
      );
    case 'uscc':
      if (!project.uscc) return empty;
      return (
        <Flex gap={8} align="center" wrap>
          <Typography.Text copyable style={{ fontVariantNumeric: 'tabular-nums' }}>
            {project.uscc}
          </Typography.Text>
          {project.enterpriseId && (
            <Tooltip title="建设单位已关联企业库中的企业">
              <Link to={`/system/enterprises?q=${project.uscc}`}>
                <LinkOutlined /> 企业库
              </Link>
            </Tooltip>
          )}
        </Flex>
      );
    default:
      break;
  }
  if (value === null || value === undefined || value === '') return empty;
  switch (def.kind) {
    case 'money':
      return `${formatWan(value as number)}${unit}`;
    case 'area':
      return formatArea(value as number);
    case 'number':
      return `${formatNumber(value as number, def.precision ?? 2)}${unit}`;
    case 'percent':
      return formatRate(value as number);
    case 'date':
      return formatDate(value as string);
    case 'select':
      return def.options?.find((option) => option.value === value)?.label ?? String(value);
    case 'industry':
      return industryLabel(value as string) || String(value);
    default:
      return String(value);
  }
}

/** 基本信息 read-only: every section of the record, as the edit form groups it. */
export function ProjectInfoView({ project }: { project: Project }) {
  return (
    <Flex vertical gap={16}>
      {sectionsFor('edit').map((section) => (
        <Card key={section.key} title={section.title} size="small" variant="borderless">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
            items={section.fields.map((def) => ({
              key: def.key,
              label: def.label,
              span: def.isWide ? 'filled' : 1,
              children: formatValue(def, project),
            }))}
          />
        </Card>
      ))}
    </Flex>
  );
}
