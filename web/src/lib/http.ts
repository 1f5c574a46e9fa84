import { errorBody } from '@groundbreak/contract';

/** An API call that did not succeed, in the server's words (`message` is Chinese, for the user). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    details?: unknown;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
  }

  /** The request never got an answer (server down, network lost). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What a zod schema offers; typed structurally so web/ does not depend on zod itself. */
export interface ResponseSchema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

export type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions<T> {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Validates the answer; a mismatch is reported as an error instead of rendering wrong data. */
  schema?: ResponseSchema<T>;
}

const REQUEST_ID_HEADER = 'x-request-id';

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const headerRequestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
  const parsed = errorBody.safeParse(body);
  if (parsed.success) {
    return new ApiError({
      status: response.status,
      code: parsed.data.error.code,
      message: parsed.data.error.message,
      details: parsed.data.error.details,
      requestId: parsed.data.requestId || headerRequestId,
    });
  }
  return new ApiError({
    status: response.status,
    code: `HTTP_${response.status}`,
    message: `服务器暂时无法处理请求（HTTP ${response.status}），请稍后重试`,
    requestId: headerRequestId,
  });
}

async function request<T>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络连接后重试' });
  }

  const body = await readJson(response);
  if (!response.ok) throw toApiError(response, body);
  if (!options.schema) return body as T;

  const parsed = options.schema.safeParse(body);
  if (parsed.success) return parsed.data;
  // A contract mismatch between server and web: say so plainly and keep the detail for support.
  console.error(`Unexpected response shape from ${method} ${path}`, parsed.error.issues);
  throw new ApiError({
    status: response.status,
    code: 'UNEXPECTED_RESPONSE',
    message: '服务器返回的数据格式与页面不一致，请刷新页面；如仍有问题请联系管理员',
    requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined,
    details: parsed.error.issues,
  });
}

/** The one HTTP client of the UI; feature `api.ts` files build their query hooks on it. */
export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions<T>) => request<T>('POST', path, options),
  put: <T>(path: string, options?: RequestOptions<T>) => request<T>('PUT', path, options),
  patch: <T>(path: string, options?: RequestOptions<T>) => request<T>('PATCH', path, options),
  delete: <T>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, options),
};
