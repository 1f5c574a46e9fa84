import type { AuditEntry } from '@groundbreak/contract';
import { AUDIT_ACTION_LABELS, AUDIT_RESULT_LABELS, ROLE_LABELS } from '@groundbreak/contract';
import { Tag } from 'antd';

const RESULT_COLORS: Record<AuditEntry['result'], string> = {
  success: 'green',
  failure: 'red',
  denied: 'orange',
};

/** The Chinese name of an audited action; an action without one shows its code. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** 管理员/业务 role codes of the actor at the time, in Chinese where the code is known. */
export function auditRolesLabel(roles: readonly string[]): string {
  return roles.map((role) => (ROLE_LABELS as Record<string, string | undefined>)[role] ?? role).join('、');
}

/** 成功 green, 失败 red, 拒绝 orange. */
export function AuditResultTag({ result }: { result: AuditEntry['result'] }) {
  return (
    <Tag color={RESULT_COLORS[result]} style={{ marginInlineEnd: 0 }}>
      {AUDIT_RESULT_LABELS[result]}
    </Tag>
  );
}

/** The summary of an entry as indented JSON (what changed, from what, to what). */
export function AuditSummary({ summary }: { summary: unknown }) {
  if (summary === null || summary === undefined) return <span style={{ color: '#8c8c8c' }}>无详细内容</span>;
  return (
    <pre
      style={{
        margin: 0,
        padding: '8px 12px',
        background: '#f7f9fc',
        border: '1px solid #e6ebf2',
        borderRadius: 4,
        fontSize: 12,
        lineHeight: 1.6,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        maxHeight: 320,
        overflow: 'auto',
      }}
    >
      {JSON.stringify(summary, null, 2)}
    </pre>
  );
}
