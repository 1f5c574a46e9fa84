import fs from 'node:fs';
import path from 'node:path';
import { ROLE_LABELS } from '@groundbreak/contract';
import { type AdminRole, DEFAULT_PASSWORD_POLICY, type Role } from '@groundbreak/domain';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { enterprises, orgs, regions, users } from '../db/schema/index';
import { generatePassword, hashPassword } from '../lib/password';
import { createAuditRepository } from '../modules/audit/audit.repository';

// Accounts that exist before anyone can create them: demo accounts (demo mode, random passwords printed
// once and kept in DATA_DIR/demo-accounts.txt) and the three administrators of a production install
// (`groundbreak create-admin`, one person each, password changed at first login).

type DemoAccount = {
  username: string;
  displayName: string;
  label: string;
  roles: Role[];
  orgCode: string;
  scopeCodes: string[];
  enterpriseUscc?: string;
};

const DISTRICT = '320412';
const dept = (username: string, orgCode: string, kindLabel: string): DemoAccount => ({
  username,
  displayName: `${kindLabel}经办(演示)`,
  label: `部门经办(${kindLabel})`,
  roles: ['dept_operator'],
  orgCode,
  scopeCodes: [DISTRICT],
});

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'sysadmin',
    displayName: '系统管理员(演示)',
    label: ROLE_LABELS.system_admin,
    roles: ['system_admin'],
    orgCode: 'WJ-DRC',
    scopeCodes: [],
  },
  {
    username: 'secadmin',
    displayName: '安全管理员(演示)',
    label: ROLE_LABELS.security_admin,
    roles: ['security_admin'],
    orgCode: 'WJ-DRC',
    scopeCodes: [],
  },
  {
    username: 'auditor',
    displayName: '审计管理员(演示)',
    label: ROLE_LABELS.audit_admin,
    roles: ['audit_admin'],
    orgCode: 'WJ-DRC',
    scopeCodes: [],
  },
  {
    username: 'drc',
    displayName: '区重大项目办(演示)',
    label: ROLE_LABELS.drc,
    roles: ['drc'],
    orgCode: 'WJ-DRC',
    scopeCodes: [DISTRICT],
  },
  {
    username: 'gxq',
    displayName: '高新区经办(演示)',
    label: '板块经办(武进国家高新区)',
    roles: ['subarea_operator'],
    orgCode: 'WJ-GXQ-ADM',
    scopeCodes: ['WJ-GXQ'],
  },
  {
    username: 'hutang',
    displayName: '湖塘镇经办(演示)',
    label: '板块经办(湖塘镇)',
    roles: ['subarea_operator'],
    orgCode: '320412100-GOV',
    scopeCodes: ['320412100'],
  },
  dept('zrzy', 'WJ-NRP', '自然资源和规划'),
  dept('zhujian', 'WJ-HUD', '住建'),
  dept('xzsp', 'WJ-APPR', '行政审批'),
  dept('shangwu', 'WJ-COM', '商务'),
  dept('gongxin', 'WJ-MIIT', '工信'),
  dept('chengguan', 'WJ-URBAN', '城管'),
  {
    username: 'leader',
    displayName: '挂钩区领导(演示)',
    label: ROLE_LABELS.leader,
    roles: ['leader'],
    orgCode: 'WJ-DRC',
    scopeCodes: [DISTRICT],
  },
  {
    username: 'qiye',
    displayName: '燕龙汽车项目联系人(演示)',
    label: ROLE_LABELS.enterprise,
    roles: ['enterprise'],
    orgCode: 'ENT-91320412MAEUHUXQ7A',
    scopeCodes: [],
    enterpriseUscc: '91320412MAEUHUXQ7A',
  },
];

export type CreatedAccount = { username: string; password: string; label: string };

async function idsByCode(db: Db) {
  const [regionRows, orgRows] = await Promise.all([
    db.select({ id: regions.id, code: regions.code }).from(regions),
    db.select({ id: orgs.id, code: orgs.code }).from(orgs),
  ]);
  return {
    region: new Map(regionRows.map((r) => [r.code, r.id])),
    org: new Map(orgRows.map((o) => [o.code, o.id])),
  };
}

/** Creates the demo accounts (demo mode, empty users table); returns them with their passwords. */
export async function createDemoAccounts(db: Db, now: Date): Promise<CreatedAccount[]> {
  const created: CreatedAccount[] = [];
  const hashes = await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => {
      const password = generatePassword(a.username, DEFAULT_PASSWORD_POLICY);
      return { password, hash: await hashPassword(password) };
    }),
  );
  await db.transaction(async (tx) => {
    const ids = await idsByCode(tx);
    const [yanlong] = await tx.select().from(enterprises).where(eq(enterprises.uscc, '91320412MAEUHUXQ7A'));
    if (yanlong) {
      await tx
        .insert(orgs)
        .values({
          code: 'ENT-91320412MAEUHUXQ7A',
          name: yanlong.name,
          shortName: '燕龙汽车',
          kind: 'enterprise',
          regionId: yanlong.regionId,
        })
        .onConflictDoNothing();
    }
    const { org } = await idsByCode(tx);
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const orgId = org.get(account.orgCode);
      const secret = hashes[index];
      if (!orgId || !secret)
        throw new Error(`demo account ${account.username}: unknown org ${account.orgCode}`);
      const enterpriseId = account.enterpriseUscc ? (yanlong?.id ?? null) : null;
      if (account.enterpriseUscc && !enterpriseId) continue; // demo enterprises not loaded
      await tx.insert(users).values({
        username: account.username,
        displayName: account.displayName,
        passwordHash: secret.hash,
        roles: account.roles,
        orgId,
        regionScopes: account.scopeCodes.map((code) => {
          const id = ids.region.get(code);
          if (!id) throw new Error(`demo account ${account.username}: unknown region ${code}`);
          return id;
        }),
        enterpriseId,
        mustChangePassword: false,
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      });
      created.push({ username: account.username, password: secret.password, label: account.label });
    }
  });
  return created;
}

export function demoAccountsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-accounts.txt');
}

/** Writes the demo accounts once, readable by the owner only. */
export function writeDemoAccountsFile(dataDir: string, accounts: CreatedAccount[], now: Date): string {
  const file = demoAccountsFile(dataDir);
  const lines = [
    `# Groundbreak 演示账号（${now.toISOString()} 生成，仅演示模式；密码随机，只显示这一次）`,
    '# 用户名 密码 角色',
    ...accounts.map((a) => `${a.username} ${a.password} ${a.label}`),
  ];
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}

/** Reads DATA_DIR/demo-accounts.txt back (tests, journeys). */
export function readDemoAccountsFile(dataDir: string): CreatedAccount[] {
  return fs
    .readFileSync(demoAccountsFile(dataDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [username = '', password = '', ...label] = line.split(' ');
      return { username, password, label: label.join(' ') };
    });
}

export class CreateAdminError extends Error {
  override name = 'CreateAdminError';
}

/** One administrator per person; the temporary password must be changed at first login. */
export async function createAdmin(
  db: Db,
  input: { role: AdminRole; username: string; displayName?: string; orgCode?: string },
  now: Date,
): Promise<{ username: string; password: string }> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
  if (existing) throw new CreateAdminError(`用户名 ${input.username} 已存在`);
  const orgCode = input.orgCode ?? 'WJ-DRC';
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, orgCode));
  if (!org) throw new CreateAdminError(`单位代码 ${orgCode} 不存在`);
  const password = generatePassword(input.username, DEFAULT_PASSWORD_POLICY);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName ?? ROLE_LABELS[input.role],
        passwordHash,
        roles: [input.role],
        orgId: org.id,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    await createAuditRepository(tx).append(
      tx,
      { userId: null, username: 'cli:create-admin', roles: [], ip: null, requestId: null },
      {
        action: 'user.create',
        objectType: 'user',
        objectId: row?.id,
        result: 'success',
        summary: { after: { username: input.username, roles: [input.role] } },
      },
      now,
    );
  });
  return { username: input.username, password };
}
