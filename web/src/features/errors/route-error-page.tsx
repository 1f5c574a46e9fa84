import { Button, Flex, Result, Typography } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { RequestIdText } from '../../components/request-id-text';
import { describeError } from '../../lib/describe-error';
import { NotFoundPage } from './not-found-page';

/**
 * The router's errorElement: anything a page throws while rendering or loading ends here, said in
 * Chinese with the request id when the server gave one.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  const description = describeError(error);
  const technical = error instanceof Error ? `${error.name}: ${error.message}` : undefined;
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle={
        <Flex vertical gap={4} align="center">
          <span>{description.message}</span>
          {description.hint && <span>{description.hint}</span>}
          <RequestIdText requestId={description.requestId} />
          {technical && !description.requestId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              技术信息：{technical}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>
          返回工作台
        </Button>,
      ]}
    />
  );
}
