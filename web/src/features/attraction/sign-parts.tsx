import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import type { Commitments, LeadDetail } from '@groundbreak/contract';
import type { DescriptionsProps } from 'antd';
import { App, Button, Descriptions, Flex, Tag, Typography, Upload } from 'antd';
import { describeError } from '../../lib/describe-error';
import { EMPTY_VALUE, formatDate, formatNumber, formatWan } from '../../lib/format';
import { attachmentUrl, useAttachments, useUploadAttachment } from '../projects/attachments-api';
import { BUTTON_LOADING } from '../projects/button-loading';

// The read-only commitments (also on the project's 招商 tab) and the investment agreement's upload, which
// goes to the project's attachments as kind investment_agreement.

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.ofd';

/** The commitments as signed, read-only (also on the project's 招商 tab). */
export function CommitmentsView({ commitments: c }: { commitments: Commitments }) {
  const wan = (yuan: number | null) => (yuan === null ? EMPTY_VALUE : `${formatWan(yuan)} 万元`);
  const num = (value: number | null, unit: string, digits = 2) =>
    value === null ? EMPTY_VALUE : `${formatNumber(value, digits)} ${unit}`;
  const items: DescriptionsProps['items'] = [
    { key: 'signedOn', label: '签约日期', children: formatDate(c.signedOn) },
    { key: 'agreementNo', label: '协议编号', children: c.agreementNo ?? EMPTY_VALUE },
    { key: 'investment', label: '协议总投资', children: wan(c.investmentYuan) },
    { key: 'fixedAsset', label: '固定资产投资', children: wan(c.fixedAssetYuan) },
    { key: 'intensity', label: '投资强度', children: num(c.intensityWanPerMu, '万元/亩') },
    { key: 'sales', label: '达产年销售', children: wan(c.annualSalesYuan) },
    { key: 'taxPerMu', label: '亩均税收', children: num(c.taxWanPerMu, '万元/亩') },
    { key: 'tax', label: '达产年税收', children: wan(c.annualTaxYuan) },
    { key: 'jobs', label: '新增就业', children: num(c.jobs, '人', 0) },
    {
      key: 'capacity',
      label: '设计产能',
      children:
        c.capacityValue === null ? EMPTY_VALUE : `${formatNumber(c.capacityValue)} ${c.capacityUnit ?? ''}`,
    },
    { key: 'energy', label: '综合能耗', children: num(c.energyTce, '吨标准煤') },
    {
      key: 'rd',
      label: '研发投入占比',
      children: c.rdRatio === null ? EMPTY_VALUE : `${formatNumber(c.rdRatio * 100, 1)}%`,
    },
    {
      key: 'plot',
      label: '容积率',
      children: c.plotRatio === null ? EMPTY_VALUE : formatNumber(c.plotRatio),
    },
    { key: 'startBy', label: '开工期限', children: formatDate(c.startBy) },
    { key: 'completionBy', label: '竣工期限', children: formatDate(c.completionBy) },
    { key: 'productionBy', label: '投产期限', children: formatDate(c.productionBy) },
    {
      key: 'targetYear',
      label: '达产年份',
      children: c.targetYear === null ? EMPTY_VALUE : `${c.targetYear} 年`,
    },
  ];
  return <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small" items={items} />;
}

/** 投资协议: the agreement goes to the project's attachments (kind investment_agreement). */
export function AgreementUpload({ lead, canUpload }: { lead: LeadDetail; canUpload: boolean }) {
  const { message } = App.useApp();
  const attachments = useAttachments(lead.id);
  const upload = useUploadAttachment(lead.id);
  const agreements = (attachments.data ?? []).filter((a) => a.kind === 'investment_agreement');
  return (
    <Flex vertical gap={8}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>投资协议</Typography.Text>
        {agreements.length > 0 ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="agreement-uploaded">
            已上传
          </Tag>
        ) : (
          <Tag color="warning">未上传</Tag>
        )}
        {canUpload && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutateAsync({ kind: 'investment_agreement', file: file as File }).then(
                (result) => {
                  message.success(`已上传投资协议：${result.attachment.fileName}`);
                  onSuccess?.(result);
                },
                (error: unknown) => {
                  message.error(`上传失败：${describeError(error).message}`);
                  onError?.(error instanceof Error ? error : new Error(String(error)));
                },
              );
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending && BUTTON_LOADING}>
              上传投资协议
            </Button>
          </Upload>
        )}
      </Flex>
      {agreements.map((a) => (
        <a key={a.id} href={attachmentUrl(lead.id, a.id)} download={a.fileName}>
          {a.fileName}
        </a>
      ))}
    </Flex>
  );
}
