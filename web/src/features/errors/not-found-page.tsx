import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** Any path the app does not know. */
export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的地址不存在，可能是链接有误或页面已调整。请从左侧菜单进入，或返回工作台。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
