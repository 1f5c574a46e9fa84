import { Alert, Button, Flex } from 'antd';
import { describeError } from '../lib/describe-error';
import { RequestIdText } from './request-id-text';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** An inline error for a failed load: what happened, what to do, and the request id. */
export function ErrorAlert({ error, title = '加载失败', onRetry }: ErrorAlertProps) {
  const { message, hint, requestId } = describeError(error);
  return (
    <Alert
      type="error"
      showIcon
      title={`${title}：${message}`}
      description={
        hint || requestId ? (
          <Flex vertical gap={4}>
            {hint && <span>{hint}</span>}
            <RequestIdText requestId={requestId} />
          </Flex>
        ) : undefined
      }
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        )
      }
    />
  );
}
