import type { LeadDetail } from '@groundbreak/contract';
import { wanToYuan } from '@groundbreak/domain';
import type { FormInstance, FormRule } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { fieldErrorsOf } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import type { GateRefusal } from '../projects/gate-refusal-modal';
import { GateRefusalModal, gateRefusalOf } from '../projects/gate-refusal-modal';
import { WanInput } from '../projects/project-inputs';
import { useSignLead } from './api';
import { AgreementUpload, CommitmentsView } from './sign-parts';

// 签约: the commitments of the investment agreement (承诺指标) and the agreement itself; 签约 records them and
// moves the project to 已签约 through the registry's gate — whatever the gate still misses is listed.

interface SignValues {
  signedOn: Dayjs;
  agreementNo?: string;
  investmentWan: string;
  fixedAssetWan?: string;
  intensityWanPerMu: number;
  annualSalesWan?: string;
  taxWanPerMu?: number | null;
  annualTaxWan?: string;
  jobs?: number | null;
  capacityValue?: number | null;
  capacityUnit?: string;
  energyTce?: number | null;
  rdPercent?: number | null;
  plotRatio?: number | null;
  startBy: Dayjs;
  completionBy: Dayjs;
  productionBy?: Dayjs | null;
  targetYear?: Dayjs | null;
}

const wanRule = (isRequired: boolean, label: string): FormRule[] => [
  ...(isRequired ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []),
  {
    validator: async (_r, value: string | undefined) => {
      if (value?.trim() && wanToYuan(value) === null)
        throw new Error('请输入金额（万元），如 5000 或 1234.5');
    },
  },
];

const toYuan = (wan: string | undefined) => (wan?.trim() ? wanToYuan(wan) : null);
const toDay = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

// The server names the body's paths (commitments.investmentYuan); the form has its own names (万元 text).
const SIGN_FIELD_OF: Record<string, keyof SignValues> = {
  signedOn: 'signedOn',
  agreementNo: 'agreementNo',
  'commitments.investmentYuan': 'investmentWan',
  'commitments.fixedAssetYuan': 'fixedAssetWan',
  'commitments.intensityWanPerMu': 'intensityWanPerMu',
  'commitments.annualSalesYuan': 'annualSalesWan',
  'commitments.taxWanPerMu': 'taxWanPerMu',
  'commitments.annualTaxYuan': 'annualTaxWan',
  'commitments.jobs': 'jobs',
  'commitments.capacityValue': 'capacityValue',
  'commitments.capacityUnit': 'capacityUnit',
  'commitments.energyTce': 'energyTce',
  'commitments.rdRatio': 'rdPercent',
  'commitments.plotRatio': 'plotRatio',
  'commitments.startBy': 'startBy',
  'commitments.completionBy': 'completionBy',
  'commitments.productionBy': 'productionBy',
  'commitments.targetYear': 'targetYear',
};

/** Puts the server's field messages on the sign form's fields; true when every one found its field. */
function placeSignErrors(form: FormInstance<SignValues>, error: unknown): boolean {
  const errors = fieldErrorsOf(error);
  if (errors.length === 0) return false;
  const placed = errors.flatMap(({ field, message }) => {
    const name = SIGN_FIELD_OF[field];
    return name ? [{ name, errors: [message] }] : [];
  });
  form.setFields(placed);
  return placed.length === errors.length;
}

function SignForm({ lead }: { lead: LeadDetail }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const sign = useSignLead(lead.id);
  const [form] = Form.useForm<SignValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const [refusal, setRefusal] = useState<GateRefusal>();

  function handleFinish(values: SignValues) {
    setSubmitError(undefined);
    sign.mutate(
      {
        signedOn: values.signedOn.format('YYYY-MM-DD'),
        agreementNo: values.agreementNo?.trim() || null,
        version: lead.projectVersion,
        commitments: {
          investmentYuan: toYuan(values.investmentWan) ?? 0,
          fixedAssetYuan: toYuan(values.fixedAssetWan),
          intensityWanPerMu: values.intensityWanPerMu,
          annualSalesYuan: toYuan(values.annualSalesWan),
          taxWanPerMu: values.taxWanPerMu ?? null,
          annualTaxYuan: toYuan(values.annualTaxWan),
          jobs: values.jobs ?? null,
          capacityValue: values.capacityValue ?? null,
          capacityUnit: values.capacityUnit?.trim() || null,
          energyTce: values.energyTce ?? null,
          rdRatio:
            values.rdPercent === null || values.rdPercent === undefined ? null : values.rdPercent / 100,
          plotRatio: values.plotRatio ?? null,
          startBy: values.startBy.format('YYYY-MM-DD'),
          completionBy: values.completionBy.format('YYYY-MM-DD'),
          productionBy: toDay(values.productionBy),
          targetYear: values.targetYear ? values.targetYear.year() : null,
        },
      },
      {
        onSuccess: ({ lead: signed }) => {
          message.success(`已签约，项目「${signed.name}」进入「已签约」`);
          modal.success({
            title: '签约完成',
            content: '承诺指标已写入项目，项目进入「已签约」。下一步：办理备案/核准并申报入库。',
            okText: '打开项目页面',
            onOk: () => navigate(`/projects/${signed.id}`),
          });
        },
        onError: (error) => {
          const gate = gateRefusalOf(error, 'advance');
          if (gate) {
            // The sign route takes no override: the missing conditions are to be met, not skipped.
            setRefusal({ ...gate, isOverridable: false });
            return;
          }
          if (!placeSignErrors(form, error)) setSubmitError(error);
        },
      },
    );
  }

  function handleSignClick() {
    form.validateFields().then(
      (values) => {
        modal.confirm({
          title: '确认签约',
          content: `签约后承诺指标写入项目，项目「${lead.name}」进入「已签约」。确认签约？`,
          okText: '确认签约',
          cancelText: '取消',
          onOk: () => handleFinish(values),
        });
      },
      (info: { errorFields: { name: (string | number)[] }[] }) => {
        const first = info.errorFields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      },
    );
  }

  const signedOn = Form.useWatch('signedOn', form);
  const startBy = Form.useWatch('startBy', form);
  return (
    <Form<SignValues>
      form={form}
      layout="vertical"
      initialValues={{ signedOn: dayjs() }}
      onValuesChange={() => setSubmitError(undefined)}
      scrollToFirstError={{ block: 'center' }}
    >
      <Flex vertical gap={16}>
        <Card size="small" title="协议">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="signedOn"
                label="签约日期"
                rules={[{ required: true, message: '请选择签约日期' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="agreementNo" label="协议编号">
                <Input maxLength={60} placeholder="选填" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="协议文本" required>
                <AgreementUpload lead={lead} canUpload={lead.abilities.sign} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="承诺指标">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="investmentWan" label="协议总投资" rules={wanRule(true, '协议总投资')}>
                <WanInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="fixedAssetWan" label="固定资产投资" rules={wanRule(false, '固定资产投资')}>
                <WanInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="intensityWanPerMu"
                label="投资强度"
                rules={[{ required: true, message: '请填写投资强度' }]}
              >
                <InputNumber<number> min={0} precision={2} suffix="万元/亩" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="annualSalesWan" label="达产年销售" rules={wanRule(false, '达产年销售')}>
                <WanInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="taxWanPerMu" label="亩均税收">
                <InputNumber<number> min={0} precision={2} suffix="万元/亩" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="annualTaxWan" label="达产年税收" rules={wanRule(false, '达产年税收')}>
                <WanInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="jobs" label="新增就业">
                <InputNumber<number> min={0} precision={0} suffix="人" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="设计产能" style={{ marginBottom: 0 }}>
                <Flex gap={8}>
                  <Form.Item name="capacityValue" style={{ flex: 2 }}>
                    <InputNumber<number> min={0} style={{ width: '100%' }} placeholder="数量" />
                  </Form.Item>
                  <Form.Item name="capacityUnit" style={{ flex: 1 }}>
                    <Input maxLength={20} placeholder="单位，如 万套/年" />
                  </Form.Item>
                </Flex>
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="energyTce" label="综合能耗">
                <InputNumber<number> min={0} precision={2} suffix="吨标准煤/年" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="rdPercent" label="研发投入占比">
                <InputNumber<number> min={0} max={100} precision={1} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="plotRatio" label="容积率">
                <InputNumber<number> min={0} max={100} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="期限">
          <Row gutter={16}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                name="startBy"
                label="开工期限"
                rules={[{ required: true, message: '请选择开工期限' }]}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => Boolean(signedOn && d.isBefore(signedOn, 'day'))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                name="completionBy"
                label="竣工期限"
                rules={[{ required: true, message: '请选择竣工期限' }]}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => Boolean(startBy && d.isBefore(startBy, 'day'))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="productionBy" label="投产期限">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="targetYear" label="达产年份">
                <DatePicker picker="year" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small">
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              签约时系统检查进入「已签约」的条件：投资协议已上传、项目准入评审已通过，以及已签约起必填的项目信息（建设单位、统一社会信用代码、建设地点、用地面积等，在
              <Link to={`/projects/${lead.id}`}>项目页面</Link>
              「编辑」中填写）。
            </Typography.Text>
            <SubmitErrorAlert error={submitError} />
            <Flex gap={8}>
              {/* No submit button: Enter in a field must not sign an agreement; 签约 asks first. */}
              <Button type="primary" loading={sign.isPending} onClick={handleSignClick}>
                签约
              </Button>
            </Flex>
          </Flex>
        </Card>
      </Flex>
      <GateRefusalModal
        refusal={refusal}
        onClose={() => setRefusal(undefined)}
        onOverride={() => undefined}
        isOverriding={false}
        onGoFill={() => navigate(`/projects/${lead.id}`)}
      />
    </Form>
  );
}

export function SignTab({ lead }: { lead: LeadDetail }) {
  if (lead.commitments) {
    return (
      <Flex vertical gap={16}>
        {lead.state !== 'NEGOTIATING' && lead.state !== 'LEAD' && (
          <Alert
            type="success"
            showIcon
            title={
              <span>
                已签约，承诺指标已写入项目。<Link to={`/projects/${lead.id}`}>打开项目页面</Link>
              </span>
            }
          />
        )}
        <Card size="small" title="承诺指标" data-testid="commitments">
          <CommitmentsView commitments={lead.commitments} />
        </Card>
        <Card size="small" title="协议文本">
          <AgreementUpload lead={lead} canUpload={false} />
        </Card>
      </Flex>
    );
  }
  if (lead.state === 'LEAD') {
    return (
      <Alert type="info" showIcon title="线索推进到「在谈」并经项目评审通过后，在这里录入承诺指标并签约" />
    );
  }
  if (!lead.abilities.sign) {
    return (
      <Alert
        type="info"
        showIcon
        title="尚未签约"
        description="您没有为该线索签约的权限，或项目当前不能签约。"
      />
    );
  }
  const review = lead.latestReview;
  const isReviewPassed = review !== null && review.result !== 'rejected';
  return (
    <Flex vertical gap={16}>
      {!isReviewPassed && (
        <Alert
          type="warning"
          showIcon
          data-testid="review-missing"
          title={
            review
              ? `最近一次项目评审（${formatDate(review.meetingOn)}）未通过，签约前须重新评审并通过`
              : '尚未进行项目准入评审：签约前须在「项目评审」中记录通过或有条件通过的评审'
          }
        />
      )}
      <SignForm lead={lead} />
    </Flex>
  );
}
