import { DownloadOutlined } from '@ant-design/icons';
import type { Oc4idsSettingsFields } from '@groundbreak/contract';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Skeleton, Statistic, Typography } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { OC4IDS_PACKAGE_HREF, useOc4idsSettings, useSaveOc4idsSettings } from './api';

// 开放数据（OC4IDS）: what the district publishes, the publisher settings, and the package download.

const FIELDS = [
  'publisher',
  'idPrefix',
  'license',
  'publicationPolicy',
  'projectCodeScheme',
  'usccScheme',
  'packageUriBase',
] as const;

function WhatIsPublished() {
  return (
    <Card title="发布什么，不发布什么" size="small">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        按开放合同基础设施数据标准 OC4IDS 0.9.5 发布<strong>已立项（赋码入库）及以后</strong>
        的项目：名称、项目代码、建设内容、状态、类型、行业、计划总投资、计划工期和各阶段日期、关键节点与倒排计划节点、
        经区发改确认的月度完成投资（财务进度）和累计完成比例（形象进度）、年度计划投资、建设单位名称及统一社会信用代码、
        所属板块或责任单位、项目位置（WGS84 经纬度）和地块范围、竣工验收备案日期。
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        招商线索、在谈和已签约未立项的项目<strong>不发布</strong>；终止的项目仅在曾经立项时以“已取消”发布。
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        title="个人信息从不发布"
        description="联系人、联系电话、法定代表人、责任领导和项目专员、招商联系人及任何用户姓名都不在数据包中：数据包按允许清单逐项生成，测试逐字核对。"
      />
    </Card>
  );
}

export function OpenDataPage() {
  const { message } = App.useApp();
  const canAdmin = useCan('opendata.admin');
  const settings = useOc4idsSettings();
  const save = useSaveOc4idsSettings();
  const [form] = Form.useForm<Oc4idsSettingsFields>();
  const reload = useConflictReload(settings.refetch, save.reset);
  const data = settings.data;
  useEffect(() => {
    if (data && !form.isFieldsTouched()) form.setFieldsValue(data.settings);
  }, [data, form]);
  if (!canAdmin) return <ForbiddenResult />;

  async function handleSave(values: Oc4idsSettingsFields) {
    if (!data) return;
    try {
      const saved = await save.mutateAsync({ ...values, version: data.version });
      form.setFieldsValue(saved.settings);
      message.success('开放数据设置已保存');
    } catch (error) {
      applyFieldErrors(form, error, FIELDS);
    }
  }

  return (
    <PageContainer
      title="开放数据（OC4IDS）"
      description="把已公开的重大项目按国际通用的基础设施数据标准（OC4IDS）导出，供门户网站发布和社会监督；发布前请设置发布机构和许可"
    >
      {settings.error ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {!data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small">
            <Row gutter={24} align="middle">
              <Col xs={24} md={8}>
                <Statistic title="数据包将包含的项目" value={data.projectCount} suffix="个" />
              </Col>
              <Col xs={24} md={10}>
                <Typography.Text type="secondary">
                  您数据范围内已立项及以后的项目；数据包为 JSON 文件，可用 OC4IDS 数据检查工具核对
                </Typography.Text>
              </Col>
              <Col xs={24} md={6} style={{ textAlign: 'right' }}>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={OC4IDS_PACKAGE_HREF}
                  disabled={data.projectCount === 0}
                >
                  下载开放数据包
                </Button>
              </Col>
            </Row>
          </Card>
          <WhatIsPublished />
          <Card
            title="发布设置"
            size="small"
            extra={
              data.updatedAt ? (
                <Typography.Text type="secondary">
                  {data.updatedByName ?? '—'} 于 {formatDateTime(data.updatedAt)} 保存（第 {data.version} 版）
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">尚未保存，以下为默认值</Typography.Text>
              )
            }
          >
            <Form<Oc4idsSettingsFields>
              form={form}
              layout="vertical"
              initialValues={data.settings}
              onFinish={handleSave}
              style={{ maxWidth: 760 }}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="发布机构名称"
                    name={['publisher', 'name']}
                    rules={[{ required: true, message: '请填写发布机构名称' }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="发布机构网址" name={['publisher', 'uri']}>
                    <Input placeholder="https://" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="发布机构标识方案"
                    name={['publisher', 'scheme']}
                    help="如 CN-USCC（统一社会信用代码）；可不填"
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="发布机构标识"
                    name={['publisher', 'uid']}
                    help="按上述方案的编号，如本机构的统一社会信用代码"
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="项目编号前缀"
                    name="idPrefix"
                    help="向 OC4IDS 服务台登记的前缀（oc4ids- 加 6 位）；项目编号为“前缀-项目内部编号”"
                    rules={[{ required: true, message: '请填写项目编号前缀' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="数据包网址"
                    name="packageUriBase"
                    help="数据包发布的位置，数据包的 uri 以此开头"
                    rules={[{ required: true, message: '请填写数据包网址' }]}
                  >
                    <Input placeholder="https://" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="数据许可协议"
                    name="license"
                    rules={[{ required: true, message: '请填写数据许可协议网址' }]}
                  >
                    <Input placeholder="https://creativecommons.org/licenses/by/4.0/" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="发布政策"
                    name="publicationPolicy"
                    rules={[{ required: true, message: '请填写发布政策网址' }]}
                  >
                    <Input placeholder="https://" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="项目代码标识方案"
                    name="projectCodeScheme"
                    help="国家项目代码的标识方案，默认 CN-NDRC-XMDM"
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="统一社会信用代码标识方案"
                    name="usccScheme"
                    help="建设单位标识的方案，默认 CN-USCC"
                  >
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <SubmitErrorAlert error={save.error} {...reload} />
              <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 8 }}>
                保存设置
              </Button>
            </Form>
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}
