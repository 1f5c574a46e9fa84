import { EditOutlined } from '@ant-design/icons';
import type { Org } from '@groundbreak/contract';
import { ORG_KIND_LABELS } from '@groundbreak/contract';
import { Button, Descriptions, Drawer } from 'antd';
import { useState } from 'react';
import { useCan } from '../auth/use-current-user';
import { OrgEditForm } from './org-edit-form';

interface OrgDetailDrawerProps {
  org: Org | undefined;
  onClose: () => void;
  /** The organisation as saved, after an edit. */
  onSaved: (org: Org) => void;
}

export function OrgDetailDrawer({ org, onClose, onSaved }: OrgDetailDrawerProps) {
  const canEdit = useCan('reference.admin');
  const [isEditing, setEditing] = useState(false);

  function handleClose() {
    setEditing(false);
    onClose();
  }

  return (
    <Drawer
      title={org?.name ?? '组织机构'}
      open={org !== undefined}
      onClose={handleClose}
      size="large"
      extra={
        org && canEdit && !isEditing ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
        ) : undefined
      }
    >
      {org && isEditing && (
        <OrgEditForm
          key={org.id}
          org={org}
          onCancel={() => setEditing(false)}
          onDone={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
        />
      )}
      {org && !isEditing && (
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
