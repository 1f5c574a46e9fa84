import { Typography } from 'antd';

/** The request id the server gave an error, copyable so the user can send it to support. */
export function RequestIdText({ requestId }: { requestId: string | undefined }) {
  if (!requestId) return null;
  return (
    <Typography.Text type="secondary" copyable={{ text: requestId, tooltips: ['复制请求编号', '已复制'] }}>
      请求编号：<Typography.Text code>{requestId}</Typography.Text>
    </Typography.Text>
  );
}
