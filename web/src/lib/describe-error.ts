import { isApiError } from './http';

export interface ErrorDescription {
  /** What happened, in the server's words when it gave some. */
  message: string;
  /** What the user can do about it. */
  hint: string | undefined;
  requestId: string | undefined;
  code: string | undefined;
  status: number | undefined;
}

function hintForStatus(status: number): string | undefined {
  if (status === 0) return '请确认网络正常、服务器已启动后点击"重试"。';
  if (status === 401) return '您尚未登录或登录已过期，请登录后重试。';
  if (status === 403) return '如需访问，请联系系统管理员开通权限。';
  if (status === 404) return '该记录可能已被删除，或不在您的数据范围内。';
  if (status === 409) return '数据已被他人修改，请刷新后再试。';
  if (status >= 500) return '请稍后重试；如反复出现，请把下面的请求编号告诉技术支持。';
  return undefined;
}

/** Turns anything thrown into Chinese text for the user plus the request id for support. */
export function describeError(error: unknown): ErrorDescription {
  if (isApiError(error)) {
    return {
      message: error.message,
      hint: hintForStatus(error.status),
      requestId: error.requestId,
      code: error.code,
      status: error.status,
    };
  }
  return {
    message: '页面出现了意外错误',
    hint: '请刷新页面后重试；如反复出现，请联系技术支持。',
    requestId: undefined,
    code: error instanceof Error ? error.name : undefined,
    status: undefined,
  };
}
