import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { RequestIdText } from '../../components/request-id-text';
import { describeError } from '../../lib/describe-error';
import { isApiError, subscribeAuthProblems } from '../../lib/http';
import { useSession } from './api';
import { changePasswordPathFor, loginPathFor, mfaPathFor } from './auth-redirects';
import { SessionUserContext } from './use-current-user';

function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description="正在加载…" />
    </Flex>
  );
}

/**
 * The route guard around the frame: loads the session, sends a visitor who is not signed in to the login
 * page and a user who must change the password to that page; later 401s and PASSWORD_CHANGE_REQUIRED
 * answers of any API call do the same.
 */
export function SessionGuard({ children }: { children: ReactNode }) {
  const { data, error, isPending, refetch } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const currentPath = `${location.pathname}${location.search}`;

  useEffect(
    () =>
      subscribeAuthProblems((problem) => {
        const target =
          problem === 'UNAUTHENTICATED'
            ? loginPathFor(currentPath)
            : problem === 'MFA_ENROLMENT_REQUIRED'
              ? mfaPathFor(currentPath)
              : changePasswordPathFor(currentPath);
        navigate(target, { replace: true });
      }),
    [navigate, currentPath],
  );

  if (isPending) return <FullPageSpin />;
  if (error) {
    if (isApiError(error) && error.status === 401) return <Navigate to={loginPathFor(currentPath)} replace />;
    const description = describeError(error);
    return (
      <Result
        status="error"
        title="无法确认登录状态"
        subTitle={
          <Flex vertical gap={4} align="center">
            <span>{description.message}</span>
            {description.hint && <span>{description.hint}</span>}
            <RequestIdText requestId={description.requestId} />
          </Flex>
        }
        extra={
          <Button type="primary" onClick={() => refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (data.user.mustChangePassword) return <Navigate to={changePasswordPathFor(currentPath)} replace />;
  if (data.user.mustEnrollMfa) return <Navigate to={mfaPathFor(currentPath)} replace />;
  return <SessionUserContext value={data.user}>{children}</SessionUserContext>;
}
