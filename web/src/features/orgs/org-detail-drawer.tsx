import type { Org } from '@groundbreak/contract';
import { ORG_KIND_LABELS } from '@groundbreak/contract';
import { Descriptions, Drawer } from 'antd';

interface OrgDetailDrawerProps {
  org: Org | undefined;
  onClose: () => void;
}

export function OrgDetailDrawer({ org, onClose }: OrgDetailDrawerProps) {
  return (
    <Drawer title={org?.name ?? '组织机构'} open={org !== undefined} onClose={onClose} size="large">
      {org && (
        <Descriptions
          column={1}
          bordered
          items={[
            { key: 'name', label: '名称', children: org.name },
            { key: 'shortName', label: '简称', children: org.shortName },
            { key: 'code', label: '机构代码', children: org.code },
            { key: 'kind', label: '机构类型', children: ORG_KIND_LABELS[org.kind] },
            { key: 'region', label: '所属区划', children: org.regionName },
          ]}
        />
      )}
    </Drawer>
  );
}
