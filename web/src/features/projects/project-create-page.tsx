import { PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { LandUse, ProjectState } from '@groundbreak/domain';
import { App, Button, Card, Col, Flex, Form, Radio } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors, fieldErrorsOf } from '../../lib/form-errors';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { useCreateProject } from './api';
import { BUTTON_LOADING } from './button-loading';
import { sectionsFor } from './project-fields';
import { ProjectFormSections } from './project-form-sections';
import type { ProjectFormValues } from './project-values';
import { requiredFieldsFor, toCreateBody, toFormValues } from './project-values';

// A project is registered as a lead or in negotiation; 已签约 is reached through its gate (投资协议 …).
const CREATE_STATES = ['LEAD', 'NEGOTIATING'] as const;
const SECTIONS = sectionsFor('create');
const FIELDS = SECTIONS.flatMap((section) => section.fields);
const FIELD_NAMES = ['state', ...FIELDS.map((def) => def.key)];

const STATE_HELP: Record<(typeof CREATE_STATES)[number], string> = {
  LEAD: '刚获得的招商线索，可暂归区级公共池',
  NEGOTIATING: '正在洽谈，已明确投资方、产业类别和责任单位',
};

/** The 板块 a new project starts in: the user's own, when they work for exactly one 板块. */
function useDefaultRegionId(): string | undefined {
  const user = useCurrentUser();
  const regions = useRegions();
  const [only] = user.regionScopes;
  if (user.regionScopes.length !== 1 || !only) return undefined;
  const region = regions.data?.items.find((item) => item.id === only.id);
  return region?.level === 'subarea' ? region.id : undefined;
}

/** 登记项目: a lead, a project under negotiation or a signed one; then on to its detail page. */
export function ProjectCreatePage() {
  const canCreate = useCan('registry.write');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectFormValues>();
  const createProject = useCreateProject();
  const [submitError, setSubmitError] = useState<unknown>();
  const defaultRegionId = useDefaultRegionId();
  const state = (Form.useWatch('state', form) as ProjectState | undefined) ?? 'NEGOTIATING';
  const landUse = Form.useWatch('landUse', form) as LandUse | undefined;
  const required = useMemo(() => requiredFieldsFor(state, landUse), [state, landUse]);
  const initialValues = useMemo(() => ({ ...toFormValues(undefined), state: 'NEGOTIATING' }), []);

  // The regions arrive after the form: fill the user's own 板块 unless they already picked one.
  useEffect(() => {
    if (defaultRegionId && !form.getFieldValue('regionId')) form.setFieldValue('regionId', defaultRegionId);
  }, [defaultRegionId, form]);

  if (!canCreate) return <ForbiddenResult />;

  function handleFinish(values: ProjectFormValues) {
    setSubmitError(undefined);
    const body = { ...toCreateBody(values, FIELDS), state: String(values.state) };
    createProject.mutate(body as Parameters<typeof createProject.mutate>[0], {
      onSuccess: ({ project }) => {
        message.success(`已登记项目「${project.name}」，内部编号 ${project.internalNo}`);
        navigate(`/projects/${project.id}`);
      },
      onError: (error) => {
        const isPlaced = applyFieldErrors(form, error, FIELD_NAMES);
        const [first] = fieldErrorsOf(error);
        if (first && FIELD_NAMES.includes(first.field)) form.scrollToField(first.field, { block: 'center' });
        if (!isPlaced) setSubmitError(error);
      },
    });
  }

  const stateItem = (
    <Col xs={24}>
      <Form.Item name="state" label="项目状态" extra={STATE_HELP[state as keyof typeof STATE_HELP]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={CREATE_STATES.map((value) => ({ value, label: PROJECT_STATE_LABELS[value] }))}
        />
      </Form.Item>
    </Col>
  );

  return (
    <PageContainer
      title="登记项目"
      description="带 * 的是所选状态的必填项，其余可在登记后补充；金额按万元填写，面积按平方米填写"
    >
      <Form<ProjectFormValues>
        form={form}
        name="project-create"
        layout="vertical"
        initialValues={initialValues}
        onFinish={handleFinish}
        onValuesChange={() => setSubmitError(undefined)}
        scrollToFirstError={{ block: 'center' }}
      >
        <Flex vertical gap={16}>
          <ProjectFormSections
            sections={SECTIONS}
            required={required}
            isDisabled={() => false}
            leading={stateItem}
          />
          <Card variant="borderless" size="small">
            <Flex vertical gap={12}>
              <SubmitErrorAlert error={submitError} />
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" loading={createProject.isPending && BUTTON_LOADING}>
                  保存
                </Button>
                <Button onClick={() => navigate('/projects')}>取消</Button>
              </Flex>
            </Flex>
          </Card>
        </Flex>
      </Form>
    </PageContainer>
  );
}
