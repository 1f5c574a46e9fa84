import type { Project } from '@groundbreak/contract';
import { checkProjectCode, isValidPhone, PROJECT_CODE_MESSAGES, wanToYuan } from '@groundbreak/domain';
import type { FormRule } from 'antd';
import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useUsccCheck } from '../enterprises/api';
import { OrgSelect } from '../orgs/org-select';
import { useEnterpriseByUscc } from './api';
import type { ProjectFieldDef, ProjectSection } from './project-fields';
import {
  AreaInput,
  IndustryChainSelect,
  IndustrySelect,
  PersonSelect,
  RegionTreeSelect,
  WanInput,
} from './project-inputs';

/** The contract's length limits of the text fields that are not 100 characters. */
const TEXT_LIMITS: Partial<Record<string, number>> = {
  legalRepresentative: 40,
  contactName: 40,
  constructionPermitNo: 60,
  location: 200,
  progressText: 200,
};

interface FieldContext {
  project: Project | undefined;
  isDisabled: boolean;
}

function renderControl(def: ProjectFieldDef, { project, isDisabled }: FieldContext): ReactNode {
  const placeholder = `请输入${def.label}`;
  switch (def.kind) {
    case 'textarea':
      return (
        <Input.TextArea rows={3} maxLength={500} showCount disabled={isDisabled} placeholder={placeholder} />
      );
    case 'money':
      return <WanInput disabled={isDisabled} unit={def.unit} />;
    case 'area':
      return <AreaInput disabled={isDisabled} />;
    case 'number':
    case 'percent':
      return (
        <InputNumber
          min={0}
          max={def.max}
          precision={def.precision ?? 2}
          suffix={def.unit}
          disabled={isDisabled}
          style={{ width: '100%' }}
          placeholder="0"
        />
      );
    case 'date':
      return (
        <DatePicker
          format="YYYY-MM-DD"
          disabled={isDisabled}
          style={{ width: '100%' }}
          placeholder="YYYY-MM-DD"
        />
      );
    case 'switch':
      return <Switch disabled={isDisabled} checkedChildren="是" unCheckedChildren="否" />;
    case 'select':
      return (
        <Select
          options={def.options}
          allowClear
          disabled={isDisabled}
          placeholder={`选择${def.label}`}
          showSearch={{ optionFilterProp: 'label' }}
        />
      );
    case 'region':
      return <RegionTreeSelect disabled={isDisabled} />;
    case 'org':
      return <OrgSelect disabled={isDisabled} initialName={project?.responsibleOrgName} />;
    case 'leader':
      return <PersonSelect roles={['leader']} disabled={isDisabled} initialName={project?.leaderName} />;
    case 'specialist':
      return (
        <PersonSelect
          roles={['subarea_operator', 'drc']}
          disabled={isDisabled}
          initialName={project?.specialistName}
        />
      );
    case 'industry':
      return <IndustrySelect disabled={isDisabled} />;
    case 'chain':
      return <IndustryChainSelect disabled={isDisabled} />;
    case 'uscc':
      return (
        <Input maxLength={18} autoComplete="off" disabled={isDisabled} placeholder="如 91320412MA1XXXXXXX" />
      );
    case 'phone':
      return (
        <Input
          maxLength={20}
          autoComplete="off"
          disabled={isDisabled}
          placeholder={
            project?.contactPhoneMasked
              ? `已登记 ${project.contactPhoneMasked}，修改请输入新号码`
              : '手机号或固话'
          }
        />
      );
    case 'projectCode':
      return (
        <Input
          maxLength={30}
          autoComplete="off"
          disabled={isDisabled}
          placeholder="YYYY-RRRRRR-DD-TT-NNNNNN"
        />
      );
    default:
      return (
        <Input maxLength={TEXT_LIMITS[def.key] ?? 100} disabled={isDisabled} placeholder={placeholder} />
      );
  }
}

function useFieldRules(def: ProjectFieldDef, isRequired: boolean): FormRule[] {
  const checkUscc = useUsccCheck();
  const rules: FormRule[] = [];
  if (isRequired) {
    rules.push({
      required: true,
      message: def.kind === 'select' || def.kind === 'date' ? `请选择${def.label}` : `请填写${def.label}`,
      ...(def.kind === 'text' || def.kind === 'textarea' ? { whitespace: true } : {}),
    });
  }
  const check = (test: (value: string) => string | undefined): FormRule => ({
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || String(value).trim() === '') return;
      const problem = test(String(value).trim());
      if (problem) throw new Error(problem);
    },
  });
  if (def.kind === 'money') {
    rules.push(
      check((text) => {
        const yuan = wanToYuan(text);
        return yuan === null || yuan < 0 ? '请输入金额（万元），如 5000 或 1234.5' : undefined;
      }),
    );
  }
  if (def.kind === 'phone') {
    rules.push(check((text) => (isValidPhone(text) ? undefined : '联系电话应为 11 位手机号或带区号的固话')));
  }
  if (def.kind === 'projectCode') {
    rules.push(
      check((text) => {
        const problem = checkProjectCode(text, dayjs().format('YYYY-MM-DD'));
        return problem ? PROJECT_CODE_MESSAGES[problem] : undefined;
      }),
    );
  }
  if (def.kind === 'uscc') {
    rules.push({
      validator: async (_rule, value: string | undefined) => {
        const code = value?.trim();
        if (!code) return;
        const result = await checkUscc(code.toUpperCase());
        if (!result.valid) throw new Error(result.message);
      },
    });
  }
  return rules;
}

/** Under the 统一社会信用代码: which enterprise of the 企业库 the project will be linked to. */
function UsccEnterpriseHint({ help }: { help: string | undefined }) {
  const form = Form.useFormInstance();
  const uscc = Form.useWatch('uscc', form) as string | undefined;
  const code = uscc?.trim().toUpperCase();
  const isComplete = code?.length === 18;
  const { data: enterprise } = useEnterpriseByUscc(isComplete ? code : undefined);
  if (isComplete && enterprise) {
    return (
      <Typography.Text type="success" style={{ fontSize: 13 }}>
        企业库中已有「{enterprise.name}」，保存后自动关联
      </Typography.Text>
    );
  }
  return <>{help}</>;
}

function ProjectFormField(props: { def: ProjectFieldDef; isRequired: boolean; context: FieldContext }) {
  const { def, isRequired, context } = props;
  const rules = useFieldRules(def, isRequired && !context.isDisabled);
  const form = Form.useFormInstance();
  const value = Form.useWatch(def.key, form) as unknown;
  // The tick or cross of a checked code only once something is typed (an empty optional code is no success).
  const isChecked =
    (def.kind === 'uscc' || def.kind === 'projectCode') && typeof value === 'string' && value.trim() !== '';
  return (
    <Form.Item
      name={def.key}
      label={def.label}
      rules={rules}
      required={isRequired}
      extra={def.kind === 'uscc' ? <UsccEnterpriseHint help={def.help} /> : def.help}
      valuePropName={def.kind === 'switch' ? 'checked' : 'value'}
      hasFeedback={isChecked}
      validateDebounce={def.kind === 'uscc' ? 400 : undefined}
    >
      {renderControl(def, context)}
    </Form.Item>
  );
}

interface ProjectFormSectionsProps {
  sections: readonly ProjectSection[];
  /** Fields the server requires in the state the project is (or will be) in. */
  required: ReadonlySet<string>;
  isDisabled: (key: string) => boolean;
  project?: Project;
  /** Extra items at the top of the first section (e.g. the state of a new project). */
  leading?: ReactNode;
}

/** The fields of a project form, one card per section, three columns on a wide screen. */
export function ProjectFormSections({
  sections,
  required,
  isDisabled,
  project,
  leading,
}: ProjectFormSectionsProps) {
  return (
    <>
      {sections.map((section, index) => (
        <Card key={section.key} title={section.title} size="small" variant="borderless">
          <Row gutter={24}>
            {index === 0 && leading}
            {section.fields.map((def) => (
              <Col key={def.key} xs={24} md={def.isWide ? 24 : 12} xl={def.isWide ? 24 : 8}>
                <ProjectFormField
                  def={def}
                  isRequired={required.has(def.key)}
                  context={{ project, isDisabled: isDisabled(def.key) }}
                />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </>
  );
}
