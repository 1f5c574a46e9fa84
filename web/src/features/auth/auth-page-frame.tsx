import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '../../layout/product-name';
import { HEADER_BACKGROUND, PAGE_BACKGROUND } from '../../theme';

const PLATFORM_LINE = '重大项目招引、推进、服务全生命周期协同工作平台';

interface AuthPageFrameProps {
  /** The card's heading, e.g. 账号登录. */
  title: string;
  /** One line under the heading. */
  description?: ReactNode;
  children: ReactNode;
}

/**
 * The pages outside the frame (登录, 修改密码): a navy band with the product name, one centred card,
 * and the notice every government system shows at its door.
 */
export function AuthPageFrame({ title, description, children }: AuthPageFrameProps) {
  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        padding: '0 16px',
        background: `linear-gradient(180deg, ${HEADER_BACKGROUND} 0, #12386f 300px, ${PAGE_BACKGROUND} 300px)`,
      }}
    >
      <Flex
        vertical
        align="center"
        gap={10}
        style={{ paddingTop: 72, paddingBottom: 32, textAlign: 'center' }}
      >
        <Flex align="center" gap={12}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={2} style={{ color: '#fff', margin: 0, letterSpacing: 1 }}>
            {PRODUCT_NAME}
          </Typography.Title>
        </Flex>
        <Typography.Text style={{ color: 'rgba(255, 255, 255, 0.75)', fontSize: 15, letterSpacing: 0.5 }}>
          {PLATFORM_LINE}
        </Typography.Text>
      </Flex>
      <Card
        variant="borderless"
        style={{ width: 420, maxWidth: '100%', boxShadow: '0 8px 28px rgba(11, 42, 85, 0.16)' }}
        styles={{ body: { padding: '32px 36px 28px' } }}
      >
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: description ? 4 : 24 }}>
          {title}
        </Typography.Title>
        {description && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
            {description}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
      <Flex
        vertical
        align="center"
        gap={4}
        style={{ marginTop: 'auto', padding: '40px 0 24px', color: 'rgba(0, 0, 0, 0.45)', fontSize: 12 }}
      >
        <span>
          <SafetyCertificateOutlined /> 本系统仅限授权人员使用，所有操作均记录审计日志
        </span>
        <span>建议使用最新版 Chrome、Edge 或 360 安全浏览器（极速模式）</span>
      </Flex>
    </Flex>
  );
}
