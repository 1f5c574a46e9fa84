import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { ReasonModal } from '../../components/reason-modal';
import { useCan } from '../auth/use-current-user';

/**
 * 导出 the current filter. Phones are masked in the file; a user who may see personal data in full can
 * ask for a file with full numbers, giving a reason that the audit log keeps with the filter.
 */
export function ProjectExportButton({ href }: { href: string }) {
  const canReveal = useCan('personal.reveal');
  const [isAsking, setAsking] = useState(false);
  const plain = (
    <Tooltip title="按当前筛选导出 Excel，列与导入模板一致；联系电话隐去中间四位">
      <Button icon={<DownloadOutlined />} href={href}>
        导出
      </Button>
    </Tooltip>
  );
  if (!canReveal) return plain;
  return (
    <>
      <Space.Compact>
        {plain}
        <Dropdown
          trigger={['click']}
          menu={{
            items: [{ key: 'full', label: '导出（含完整联系电话）…' }],
            onClick: () => setAsking(true),
          }}
        >
          <Button icon={<DownOutlined />} aria-label="更多导出方式" />
        </Dropdown>
      </Space.Compact>
      <ReasonModal
        open={isAsking}
        title="导出完整联系电话"
        okText="导出"
        label="导出原因"
        warning="联系电话属于个人信息：导出的文件含完整号码，请妥善保管；本次导出及原因将记入审计日志"
        placeholder="如：报送市发改重大项目联系人名单"
        minLength={2}
        maxLength={200}
        isSaving={false}
        onCancel={() => setAsking(false)}
        onSubmit={(reason) => {
          setAsking(false);
          const url = new URL(href, window.location.origin);
          url.searchParams.set('fullPhones', 'true');
          url.searchParams.set('reason', reason);
          window.location.assign(`${url.pathname}${url.search}`);
        }}
      />
    </>
  );
}
