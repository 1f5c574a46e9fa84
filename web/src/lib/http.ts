import { CSRF_HEADER, errorBody, meResponse } from '@groundbreak/contract';

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
  /**
   * Whether a 401 or 403 PASSWORD_CHANGE_REQUIRED is announced to the auth listeners (which send the
   * user to the login or change-password page). Off for the calls that handle those answers themselves.
   */
  reportsAuthProblems?: boolean;
}

const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The one state-changing call made before there is a session, so before there is a token. */
const LOGIN_PATH = '/api/auth/login';

// The CSRF token lives in memory only (never in storage a script could read later); after a reload it
// comes back from GET /api/me, which the session guard calls before anything else.
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** What went wrong with the session, for the listeners that move the user to the right page. */
export type AuthProblem = 'UNAUTHENTICATED' | 'PASSWORD_CHANGE_REQUIRED' | 'MFA_ENROLMENT_REQUIRED';
type AuthProblemListener = (problem: AuthProblem) => void;
const authProblemListeners = new Set<AuthProblemListener>();

/** Calls `listener` whenever an API call finds the user signed out or due to change the password. */
export function subscribeAuthProblems(listener: AuthProblemListener): () => void {
  authProblemListeners.add(listener);
  return () => authProblemListeners.delete(listener);
}

function authProblemOf(error: ApiError): AuthProblem | undefined {
  if (error.status === 401) return 'UNAUTHENTICATED';
  if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') return 'PASSWORD_CHANGE_REQUIRED';
  if (error.status === 403 && error.code === 'MFA_ENROLMENT_REQUIRED') return 'MFA_ENROLMENT_REQUIRED';
  return undefined;
}

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

function needsCsrfToken(method: string, path: string): boolean {
  return !SAFE_METHODS.has(method) && path !== LOGIN_PATH;
}

/** Fetches a fresh CSRF token from GET /api/me (after a reload, or when the server called ours stale). */
async function refreshCsrfToken(signal: AbortSignal | undefined): Promise<void> {
  const me = await send('GET', '/api/me', { signal, schema: meResponse });
  csrfToken = me.csrfToken;
}

async function send<T>(method: string, path: string, options: RequestOptions<T>): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (a file upload) goes as multipart/form-data: the browser writes the boundary itself.
  const isFormData = options.body instanceof FormData;
  if (options.body !== undefined && !isFormData) headers['Content-Type'] = 'application/json';
  if (needsCsrfToken(method, path) && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isFormData
            ? (options.body as FormData)
            : JSON.stringify(options.body),
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

async function request<T>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
  try {
    if (needsCsrfToken(method, path) && !csrfToken) await refreshCsrfToken(options.signal);
    try {
      return await send(method, path, options);
    } catch (error) {
      // A stale token (the session was renewed elsewhere): fetch the current one and try once more.
      if (!isApiError(error) || error.status !== 403 || error.code !== 'CSRF_FAILED') throw error;
      await refreshCsrfToken(options.signal);
      return await send(method, path, options);
    }
  } catch (error) {
    const problem = isApiError(error) ? authProblemOf(error) : undefined;
    if (problem && options.reportsAuthProblems !== false) {
      for (const listener of authProblemListeners) listener(problem);
    }
    throw error;
  }
}

/** The one HTTP client of the UI; feature `api.ts` files build their query hooks on it. */
export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions<T>) => request<T>('POST', path, options),
  put: <T>(path: string, options?: RequestOptions<T>) => request<T>('PUT', path, options),
  patch: <T>(path: string, options?: RequestOptions<T>) => request<T>('PATCH', path, options),
  delete: <T>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, options),
  /** POST of one file as multipart/form-data (field `file`), with the CSRF token like every other write. */
  upload: <T>(
    path: string,
    file: Blob,
    options?: Omit<RequestOptions<T>, 'body'> & { fileName?: string },
  ) => {
    const form = new FormData();
    form.append('file', file, options?.fileName ?? (file instanceof File ? file.name : 'file'));
    return request<T>('POST', path, { ...options, body: form });
  },
};
