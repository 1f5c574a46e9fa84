import { z } from 'zod';
import { listQuery, listResponse } from './list';

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export const AUDIT_RESULT_LABELS: Record<(typeof AUDIT_RESULTS)[number], string> = {
  success: '成功',
  failure: '失败',
  denied: '拒绝',
};

/** Chinese names of audited actions; an action not listed shows its code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.session_timeout': '会话超时',
  'auth.password_change': '修改密码',
  'auth.password_expired': '密码过期须修改',
  'auth.mfa_challenge': '密码正确，待两步验证',
  'auth.mfa_setup': '生成两步验证密钥',
  'auth.mfa_enable': '启用两步验证',
  'auth.mfa_disable': '关闭两步验证',
  'auth.mfa_failed': '两步验证码错误',
  'access.denied': '越权访问被拒',
  'user.create': '创建用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.reset_mfa': '重置两步验证',
  'user.end_sessions': '结束用户全部会话',
  'user.reveal_phone': '查看用户完整手机号',
  'security.end_all_sessions': '结束所有人的会话',
  'user.access_update': '分配角色与数据范围',
  'enterprise.create': '新建企业',
  'enterprise.update': '修改企业',
  'org.update': '修改组织机构',
  'security.policy_update': '修改安全策略',
  'audit.retention': '审计日志保留期清理',
  'project.create': '登记项目',
  'project.update': '修改项目',
  'project.code_change': '变更项目代码',
  'project.transition': '项目状态变更',
  'project.override': '发改越过关口',
  'project.delete': '删除项目',
  'project.reveal_phone': '查看完整联系电话',
  'project.export': '导出项目',
  'project.year_plan': '申报年度计划投资',
  'library.apply': '申报入库',
  'library.approve': '入库审核通过',
  'library.return': '入库申报退回',
  'library.withdraw': '退库',
  'attachment.upload': '上传附件',
  'attachment.delete': '删除附件',
  'attachment.download': '下载附件',
  'annual_plan.approve': '审定年度计划',
  'import.upload': '上传导入文件',
  'import.commit': '确认导入',
  'import.cancel': '取消导入',
  'target.set': '设定目标',
};

export const auditEntry = z.object({
  id: z.string().uuid(),
  at: z.string(),
  userId: z.string().uuid().nullable(),
  username: z.string().nullable(),
  roles: z.array(z.string()),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  summary: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditListQuery = listQuery(['at']).extend({
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
});
export const auditListResponse = listResponse(auditEntry);
