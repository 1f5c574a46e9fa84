import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** 无权访问: the user's role or data scope does not cover what the page shows. */
export function ForbiddenResult() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限。如工作需要，请联系系统管理员开通相应角色或数据范围。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
