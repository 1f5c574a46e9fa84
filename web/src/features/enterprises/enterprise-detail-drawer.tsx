import { EditOutlined } from '@ant-design/icons';
import type { Enterprise } from '@groundbreak/contract';
import { Button, Descriptions, Divider, Drawer, Tag, Typography } from 'antd';
import { HistoryTimeline } from '../audit/audit-timeline';
import { useEnterpriseHistory } from './api';

function EnterpriseHistory({ enterpriseId }: { enterpriseId: string }) {
  return <HistoryTimeline history={useEnterpriseHistory(enterpriseId)} />;
}

interface EnterpriseDetailDrawerProps {
  enterprise: Enterprise | undefined;
  onClose: () => void;
  /** Opens the edit form; none when the user may not edit enterprises. */
  onEdit?: (enterprise: Enterprise) => void;
}

/** One enterprise: its registration data and its change history. */
export function EnterpriseDetailDrawer({ enterprise, onClose, onEdit }: EnterpriseDetailDrawerProps) {
  return (
    <Drawer
      title={enterprise?.name ?? '企业'}
      open={enterprise !== undefined}
      onClose={onClose}
      size="large"
      extra={
        enterprise && onEdit ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(enterprise)}>
            编辑
          </Button>
        ) : undefined
      }
    >
      {enterprise && (
        <>
          <Descriptions
            column={1}
            bordered
            items={[
              { key: 'name', label: '企业名称', children: enterprise.name },
              {
                key: 'uscc',
                label: '统一社会信用代码',
                children: <Typography.Text copyable>{enterprise.uscc}</Typography.Text>,
              },
              { key: 'region', label: '所属区划', children: enterprise.regionName },
              {
                key: 'demo',
                label: '数据来源',
                children: enterprise.isDemo ? (
                  <Tag color="orange" variant="outlined">
                    演示数据
                  </Tag>
                ) : (
                  '正式数据'
                ),
              },
            ]}
          />
          <Divider titlePlacement="start">变更记录</Divider>
          <EnterpriseHistory key={`${enterprise.id}:${enterprise.version}`} enterpriseId={enterprise.id} />
        </>
      )}
    </Drawer>
  );
}
