import type { InvestorOrigin, LeadDetail, LeadSource } from '@groundbreak/contract';
import {
  INDUSTRY_CHAINS,
  INVESTOR_ORIGIN_LABELS,
  INVESTOR_ORIGINS,
  LEAD_SOURCE_LABELS,
  LEAD_SOURCES,
} from '@groundbreak/contract';
import { checkUscc, wanToYuan } from '@groundbreak/domain';
import type { FormInstance, FormRule } from 'antd';
import { Card, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { yuanToWanText } from '../../lib/format';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useCan } from '../auth/use-current-user';
import { PersonSelect, WanInput } from '../projects/project-inputs';
import { useDuplicateCheck } from './api';
import { duplicateSentence } from './lead-parts';

// The investor profile of a lead as a form: used to register a lead and to edit its 基本情况. Money is typed in
// 万元 and sent as integer 元; a live hint says when the same company is already worked by another 板块.

export interface LeadFormValues {
  name: string;
  companyName: string;
  investorGroup?: string | null;
  investorOrigin?: InvestorOrigin | null;
  investorUscc?: string | null;
  intendedProduct?: string | null;
  totalInvestmentWan?: string;
  estimatedLandMu?: number | null;
  source?: LeadSource;
  industryChain?: string | null;
  ownerUserId?: string | null;
}

/** The fields the server may name in a 400, to put its messages on them. */
export const LEAD_FIELD_NAMES = [
  'name',
  'companyName',
  'investorGroup',
  'investorOrigin',
  'investorUscc',
  'intendedProduct',
  'totalInvestment',
  'estimatedLandMu',
  'source',
  'industryChain',
  'ownerUserId',
] as const;

const blank = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** The form's values as the body fields of POST /api/leads and PUT /api/leads/:id. */
export function toLeadFields(values: LeadFormValues) {
  const wan = values.totalInvestmentWan?.trim();
  return {
    name: values.name.trim(),
    companyName: values.companyName.trim(),
    investorGroup: blank(values.investorGroup),
    investorOrigin: values.investorOrigin ?? null,
    investorUscc: blank(values.investorUscc)?.toUpperCase() ?? null,
    intendedProduct: blank(values.intendedProduct),
    totalInvestment: wan ? wanToYuan(wan) : null,
    estimatedLandMu: values.estimatedLandMu ?? null,
    source: values.source ?? 'other',
    industryChain: values.industryChain ?? null,
    ownerUserId: values.ownerUserId ?? null,
  };
}

/** The form's starting values for a lead's 基本情况. */
export function leadFormValuesOf(lead: LeadDetail): LeadFormValues {
  const p = lead.profile;
  return {
    name: lead.name,
    companyName: p?.companyName ?? '',
    investorGroup: p?.investorGroup ?? null,
    investorOrigin: p?.investorOrigin ?? null,
    investorUscc: p?.investorUscc ?? null,
    intendedProduct: p?.intendedProduct ?? null,
    totalInvestmentWan: yuanToWanText(lead.totalInvestment),
    estimatedLandMu: p?.estimatedLandMu ?? null,
    source: p?.source,
    industryChain: lead.industryChain,
    ownerUserId: p?.ownerUserId ?? null,
  };
}

const USCC_RULE: FormRule = {
  validator: async (_rule, value: string | null | undefined) => {
    const code = value?.trim();
    if (!code) return;
    const result = checkUscc(code);
    if (result.valid) return;
    throw new Error(
      result.reason === 'USCC_FORMAT'
        ? '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）'
        : '统一社会信用代码校验位不正确，请核对最后一位',
    );
  },
};

const WAN_RULE: FormRule = {
  validator: async (_rule, value: string | undefined) => {
    const text = value?.trim();
    if (!text) return;
    const yuan = wanToYuan(text);
    if (yuan === null || yuan < 0) throw new Error('请输入金额（万元），如 5000 或 1234.5');
  },
};

/** Under the company name: "该企业已由 湖塘镇 于 2026-03-02 登记" as the user types. */
function DuplicateHintLine({ form, excludeId }: { form: FormInstance<LeadFormValues>; excludeId?: string }) {
  const companyName = (Form.useWatch('companyName', form) as string | undefined) ?? '';
  const uscc = (Form.useWatch('investorUscc', form) as string | undefined) ?? '';
  const debouncedName = useDebouncedValue(companyName, 400);
  const debouncedUscc = useDebouncedValue(uscc, 400);
  const { data: duplicates } = useDuplicateCheck(debouncedName, debouncedUscc, excludeId);
  if (!duplicates || duplicates.length === 0) return null;
  return (
    <div data-testid="duplicate-hint" role="status">
      {duplicates.map((hint) => (
        <Typography.Text
          key={`${hint.regionName}:${hint.registeredOn}`}
          type="warning"
          style={{ display: 'block' }}
        >
          {duplicateSentence(hint)}，请勿重复招引；保存后将标记为疑似重复
        </Typography.Text>
      ))}
    </div>
  );
}

interface LeadFormFieldsProps {
  form: FormInstance<LeadFormValues>;
  /** The lead being edited (left out of its own duplicate hint). */
  excludeId?: string;
  ownerName?: string | null;
}

/** The cards of the lead form: 项目与投资方, 意向与规模, 来源与负责人. */
export function LeadFormFields({ form, excludeId, ownerName }: LeadFormFieldsProps) {
  // The people list (GET /api/projects/people) is the registry's: 区商务局 cannot read it.
  const canPickPeople = useCan('registry.write');
  return (
    <>
      <Card size="small" title="投资方">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="companyName"
              label="投资方企业名称"
              rules={[{ required: true, whitespace: true, message: '请填写投资方企业名称' }]}
              extra={<DuplicateHintLine form={form} excludeId={excludeId} />}
            >
              <Input maxLength={100} placeholder="如 常州某某新能源科技有限公司" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="investorUscc"
              label="统一社会信用代码"
              rules={[USCC_RULE]}
              validateDebounce={300}
              extra="已知时填写，18 位，系统校验最后一位校验码；用于识别重复线索"
            >
              <Input maxLength={18} placeholder="选填" style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="investorGroup" label="所属集团">
              <Input maxLength={100} placeholder="选填，如 某某集团" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="investorOrigin"
              label="投资来源地"
              rules={[{ required: true, message: '请选择投资来源地' }]}
            >
              <Radio.Group
                optionType="button"
                options={INVESTOR_ORIGINS.map((o) => ({ value: o, label: INVESTOR_ORIGIN_LABELS[o] }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="项目意向">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label="项目名称"
              rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
              extra="惯例：{企业简称}{产品/内容}项目"
            >
              <Input maxLength={100} placeholder="如 某某新能源电池储能项目" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="intendedProduct" label="意向产品">
              <Input maxLength={200} placeholder="如 储能电池模组" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="totalInvestmentWan" label="预计总投资" rules={[WAN_RULE]}>
              <WanInput />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="estimatedLandMu" label="用地需求">
              <InputNumber<number> min={0} max={100000} precision={2} suffix="亩" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="industryChain"
              label="产业类别（产业链）"
              rules={[{ required: true, message: '请选择产业类别' }]}
            >
              <Select
                allowClear
                placeholder="选择重点产业链"
                options={INDUSTRY_CHAINS.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="来源与负责人">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="source" label="招商来源" rules={[{ required: true, message: '请选择招商来源' }]}>
              <Select
                placeholder="选择来源"
                options={LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ownerUserId"
              label="招商负责人"
              extra={
                canPickPeople
                  ? '跟进该线索的人，下一步到期时提醒；不选则为登记人本人（公海线索为空）'
                  : '默认为登记人本人（公海线索为空）；指定他人请联系区发改或板块'
              }
            >
              {canPickPeople ? (
                <PersonSelect roles={['subarea_operator', 'drc']} initialName={ownerName} />
              ) : (
                <Select
                  disabled
                  placeholder="登记人本人"
                  options={
                    ownerName
                      ? [{ value: form.getFieldValue('ownerUserId') as string, label: ownerName }]
                      : []
                  }
                />
              )}
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </>
  );
}
