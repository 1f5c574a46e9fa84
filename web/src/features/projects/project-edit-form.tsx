import type { Project } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { LandUse } from '@groundbreak/domain';
import { Alert, App, Button, Card, Col, Flex, Form, Input } from 'antd';
import { useMemo, useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { useVersionedEdit } from '../../components/use-versioned-edit';
import { applyFieldErrors, fieldErrorsOf } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useFetchProject, useUpdateProject } from './api';
import { BUTTON_LOADING } from './button-loading';
import { ALL_PROJECT_FIELDS, sectionsFor } from './project-fields';
import { ProjectFormSections } from './project-form-sections';
import type { ProjectFormValues } from './project-values';
import { changedFields, requiredFieldsFor, toFormValues } from './project-values';

const SECTIONS = sectionsFor('edit');
const FIELD_NAMES = [...ALL_PROJECT_FIELDS.map((def) => def.key), 'projectCodeReason'];

interface ProjectEditFormProps {
  project: Project;
  onDone: () => void;
}

/**
 * 编辑 of 基本信息: sends only the fields the user changed, with the version the form was loaded at; a 409
 * offers the latest version while keeping the input (useVersionedEdit).
 */
export function ProjectEditForm({ project, onDone }: ProjectEditFormProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectFormValues>();
  const updateProject = useUpdateProject(project.id);
  const fetchProject = useFetchProject();
  // What the form was loaded with: the save compares against it, so only this user's edits are sent.
  const [baseline] = useState(project);
  const initialValues = useMemo(() => toFormValues(baseline), [baseline]);
  const { version, latest, submitError, setSubmitError, isReloading, reload } = useVersionedEdit<Project>(
    project.version,
    { fetchLatest: () => fetchProject(project.id), goneMessage: '该项目已被删除或已不在您的数据范围内' },
  );
  const landUse = (Form.useWatch('landUse', form) as LandUse | undefined) ?? null;
  const projectCode = Form.useWatch('projectCode', form) as string | undefined;
  const isCodeChanged = Boolean(baseline.projectCode) && (projectCode ?? '').trim() !== baseline.projectCode;

  const { abilities } = project;
  const required = useMemo(() => {
    const set = requiredFieldsFor(project.state, landUse);
    // The number itself never reaches the page: one on record satisfies the rule until it is replaced.
    if (project.contactPhoneMasked) set.delete('contactPhone');
    return set;
  }, [project.state, project.contactPhoneMasked, landUse]);
  const isDisabled = (key: string) =>
    !abilities.edit ||
    (abilities.editableFields !== null && !abilities.editableFields.includes(key)) ||
    (key === 'projectCode' && !abilities.editProjectCode);
  const fields = ALL_PROJECT_FIELDS.filter((def) => !isDisabled(def.key));

  function handleFinish(values: ProjectFormValues) {
    setSubmitError(undefined);
    const patch = changedFields(values, baseline, fields);
    if (Object.keys(patch).length === 0) {
      message.info('没有修改任何内容');
      onDone();
      return;
    }
    if ('projectCode' in patch && baseline.projectCode) {
      patch.projectCodeReason = String(values.projectCodeReason ?? '').trim();
    }
    updateProject.mutate(
      { ...patch, version },
      {
        onSuccess: () => {
          message.success('项目信息已保存');
          onDone();
        },
        onError: (error) => {
          const isPlaced = applyFieldErrors(form, error, FIELD_NAMES);
          const [first] = fieldErrorsOf(error);
          if (first && FIELD_NAMES.includes(first.field))
            form.scrollToField(first.field, { block: 'center' });
          if (!isPlaced) setSubmitError(error);
        },
      },
    );
  }

  const codeReason = isCodeChanged ? (
    <Col xs={24}>
      <Form.Item
        name="projectCodeReason"
        label="变更项目代码的原因"
        rules={[{ required: true, whitespace: true, message: '变更已填写的项目代码须写明原因' }]}
      >
        <Input maxLength={200} placeholder="如：原代码录入错误，以在线平台赋码为准" />
      </Form.Item>
    </Col>
  ) : null;

  return (
    <Form<ProjectFormValues>
      form={form}
      name="project-edit"
      layout="vertical"
      initialValues={initialValues}
      onFinish={handleFinish}
      onValuesChange={() => setSubmitError(undefined)}
      scrollToFirstError={{ block: 'center' }}
    >
      <Flex vertical gap={16}>
        {abilities.editableFields !== null && (
          <Alert
            type="info"
            showIcon
            title="企业用户只能修改联系人、联系电话、法定代表人、建设内容和设计产能"
          />
        )}
        {latest && (
          <Alert
            type="info"
            showIcon
            title="已载入最新保存的版本"
            description={`${latest.updatedByName ?? '其他用户'} 于 ${formatDateTime(latest.updatedAt)} 保存了新的内容（当前状态「${PROJECT_STATE_LABELS[latest.state]}」）。表单中保留的是您填写的内容，点击"保存"只提交您修改过的字段。`}
          />
        )}
        <ProjectFormSections
          sections={SECTIONS}
          required={required}
          isDisabled={isDisabled}
          project={project}
          leading={codeReason}
        />
        <Card
          variant="borderless"
          size="small"
          style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0, 0, 0, 0.06)' }}
        >
          <Flex vertical gap={12}>
            <SubmitErrorAlert error={submitError} onReload={reload} isReloading={isReloading} />
            <Flex gap={8} align="center">
              <Button type="primary" htmlType="submit" loading={updateProject.isPending && BUTTON_LOADING}>
                保存
              </Button>
              <Button onClick={onDone}>取消</Button>
              <span style={{ color: '#8c8c8c', fontSize: 13 }}>
                带 * 的是「{PROJECT_STATE_LABELS[project.state]}」状态的必填项；金额按万元填写
              </span>
            </Flex>
          </Flex>
        </Card>
      </Flex>
    </Form>
  );
}
