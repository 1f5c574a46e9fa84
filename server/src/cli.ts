import path from 'node:path';
import { ROLE_LABELS } from '@groundbreak/contract';
import { ADMIN_ROLES, type AdminRole } from '@groundbreak/domain';
import { type Clock, fixedClock, startOfShanghaiDay, systemClock } from './clock';
import { type Config, ConfigError, loadConfig } from './config';
import { countMigrations, DatabaseCheckError } from './db/database';
import { EmbeddedServerError } from './db/embedded';
import { createJobRunner, UnknownJobError } from './jobs/runner';
import { BackupError, createBackup, restoreBackup } from './lib/backup';
import { FieldKeyError } from './lib/crypto/field-protector';
import { keyOf, writeKeyFile } from './lib/keys';
import { createLogger, type Logger } from './lib/logger';
import { auditKeyOf, describeVerification, sealAudit, verifyAudit } from './modules/audit/audit.seal';
import { MODULES } from './modules/modules';
import { createUsersRepository } from './modules/users/users.repository';
import { DataDirBusyError, openRuntime } from './runtime';
import { CreateAdminError, createAdmin, createDemoAccounts, writeDemoAccountsFile } from './seed/accounts';
import { seedDemoLights } from './seed/demo-tracking';
import { seedDemoData, seedReferenceData } from './seed/seed';
import { seedDemoCampaign } from './seed/seed-campaigns';
import { seedDemoProjects } from './seed/seed-projects';
import { serve } from './server';

const HELP = `用法: groundbreak <命令> [选项]

命令:
  serve                          启动服务（界面 + API），默认 http://127.0.0.1:3000
  migrate                        执行数据库迁移并更新参考数据（服务运行时也可执行）
  seed-demo                      载入演示数据（生产模式下拒绝）
  create-admin --role <system_admin|security_admin|audit_admin> [--username 名称] [--display-name 姓名] [--org 单位代码]
                                 创建一名管理员（每人一个角色），打印临时密码，首次登录须修改
  backup <文件.tar.gz>            在线备份：数据库一致快照 + 全部附件 + 以口令加密的密钥（口令取自 BACKUP_PASSPHRASE）
  restore <文件.tar.gz>           恢复到新的空数据目录（或空数据库），逐项核对校验值
  verify-audit                   校验审计日志防篡改链，指出第一条被改动、删除或插入的记录（失败时退出码 1）
  run-job <任务名> [--as-of YYYY-MM-DD]
                                 立即运行一个定时任务；--as-of 指定业务日期（北京时间）
  jobs                           列出全部定时任务
  help                           显示本帮助

配置通过环境变量给出，见 .env.example。`;

type Command = (config: Config, log: Logger, args: string[]) => Promise<number>;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

const commands: Record<string, Command> = {
  async serve(config, log) {
    const server = await serve(config, log);
    // Shut down in order: stop taking requests, close the pool, stop PostgreSQL, release the lock.
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info(`收到 ${signal}，正在停止…`);
        server.close().then(resolve, (error: unknown) => {
          log.error(`停止时出错：${String(error)}`);
          resolve();
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGHUP', () => stop('SIGHUP'));
    });
    return 0;
  },

  async migrate(config, log) {
    const runtime = await openRuntime(config, log, 'cli', 'migrate', { migrate: true });
    try {
      const applied = await countMigrations(runtime.database.pool);
      const seeded = await seedReferenceData(runtime.database.db);
      log.info(
        `数据库迁移完成：共 ${applied} 个迁移；参考数据 ${seeded.regions} 个区划、${seeded.orgs} 个机构`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },

  async 'seed-demo'(config, log) {
    if (config.mode === 'production') {
      log.error('生产模式（GROUNDBREAK_MODE=production）不载入演示数据');
      return 1;
    }
    const runtime = await openRuntime(config, log, 'cli', 'seed-demo', { migrate: true });
    try {
      await seedReferenceData(runtime.database.db);
      const seeded = await seedDemoData(runtime.database.db, systemClock.now());
      log.info(`演示数据已载入：${seeded.enterprises} 家企业`);
      if ((await createUsersRepository(runtime.database.db, runtime.protector).count()) === 0) {
        const accounts = await createDemoAccounts(runtime.database.db, systemClock.now());
        const file = writeDemoAccountsFile(config.dataDir, accounts, systemClock.now());
        log.info(`已创建 ${accounts.length} 个演示账号，账号与随机密码见 ${file}`);
      }
      const projects = await seedDemoProjects(runtime.database.db, systemClock.now(), {
        protector: runtime.protector,
        dataDir: config.dataDir,
      });
      log.info(
        projects.libraries > 0
          ? `已载入演示项目：${projects.projects} 个项目，${projects.libraries} 条入库记录`
          : `演示项目已存在（${projects.projects} 个），未重复载入`,
      );
      if (projects.libraries > 0) {
        const lit = await seedDemoLights(runtime.database, systemClock.now());
        log.info(`已关账 ${lit.months.join('、')}，计算 ${lit.lights} 个项目的亮灯`);
      }
      const campaign = await seedDemoCampaign(runtime.database.db, systemClock.now(), {
        dataDir: config.dataDir,
      });
      if (campaign.tasks > 0) log.info(`已载入城中村专项行动演示数据：${campaign.tasks} 个整治任务`);
      return 0;
    } finally {
      await runtime.close();
    }
  },

  async 'create-admin'(config, log, args) {
    const role = option(args, '--role');
    if (!role || !(ADMIN_ROLES as readonly string[]).includes(role)) {
      log.error(`请用 --role 指定 ${ADMIN_ROLES.join(' | ')} 之一（每人一个管理员账号）`);
      return 2;
    }
    const username = option(args, '--username') ?? role.replace('_admin', 'admin');
    const runtime = await openRuntime(config, log, 'cli', 'create-admin', { migrate: true });
    try {
      await seedReferenceData(runtime.database.db);
      const created = await createAdmin(
        runtime.database.db,
        {
          role: role as AdminRole,
          username,
          ...(option(args, '--display-name') ? { displayName: option(args, '--display-name') } : {}),
          ...(option(args, '--org') ? { orgCode: option(args, '--org') } : {}),
        },
        systemClock.now(),
      );
      process.stdout.write(
        `已创建${ROLE_LABELS[role as AdminRole]}账号 ${created.username}，临时密码：${created.password}\n首次登录时须修改密码。\n`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },

  async 'run-job'(config, log, args) {
    const name = args.find((a) => !a.startsWith('--') && a !== option(args, '--as-of'));
    const asOf = option(args, '--as-of');
    if (!name) {
      log.error('请给出任务名：groundbreak run-job <任务名> [--as-of YYYY-MM-DD]');
      return 2;
    }
    if (asOf !== undefined && (!LOCAL_DATE.test(asOf) || Number.isNaN(startOfShanghaiDay(asOf).getTime()))) {
      log.error(`--as-of 应为 YYYY-MM-DD 格式的日期，收到 "${asOf}"`);
      return 2;
    }
    // The injectable clock: a run "as of" a day sees that day's noon in Asia/Shanghai as now.
    const clock: Clock = asOf ? fixedClock(new Date(`${asOf}T12:00:00+08:00`)) : systemClock;
    const runtime = await openRuntime(config, log, 'cli', `run-job ${name}`, { migrate: false });
    try {
      const runner = createJobRunner({
        database: runtime.database,
        jobs: MODULES.flatMap((m) => m.jobs ?? []),
        clock,
        log,
        dataDir: config.dataDir,
        audit: { key: auditKeyOf(config), retentionDays: config.auditRetentionDays },
        protector: runtime.protector,
        notifications: config.notifications,
      });
      const run = await runner.runJob(name, { trigger: 'manual', ...(asOf ? { asOf } : {}) });
      process.stdout.write(`${JSON.stringify(run)}\n`);
      return run.result === 'failed' ? 1 : 0;
    } finally {
      await runtime.close();
    }
  },

  async 'verify-audit'(config, log) {
    const runtime = await openRuntime(config, log, 'cli', 'verify-audit', { migrate: false });
    try {
      const key = auditKeyOf(config);
      const sealed = await sealAudit(runtime.database.db, key);
      const result = await verifyAudit(runtime.database.db, key);
      process.stdout.write(`${sealed > 0 ? `新封存 ${sealed} 条。` : ''}${describeVerification(result)}\n`);
      return result.ok ? 0 : 1;
    } finally {
      await runtime.close();
    }
  },

  async backup(config, log, args) {
    const file = args.find((a) => !a.startsWith('--'));
    if (!file) {
      log.error('请给出备份文件名：groundbreak backup <文件.tar.gz>（口令取自环境变量 BACKUP_PASSPHRASE）');
      return 2;
    }
    if (!config.backupPassphrase) {
      log.error('请在环境变量 BACKUP_PASSPHRASE 中给出备份口令（至少 12 个字符，恢复时须用同一口令）');
      return 2;
    }
    const runtime = await openRuntime(config, log, 'cli', 'backup', { migrate: false });
    try {
      const manifest = await createBackup({
        pool: runtime.database.pool,
        dataDir: config.dataDir,
        file: path.resolve(file),
        keys: {
          auditHmacKey: auditKeyOf(config).toString('utf8'),
          auditKeyFromFile: !config.auditHmacKey,
          fieldKey: keyOf(config.fieldEncryptionKey, config.dataDir, 'field').toString('utf8'),
          fieldKeyFromFile: !config.fieldEncryptionKey,
        },
        passphrase: config.backupPassphrase,
        now: systemClock.now(),
      });
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      log.info(
        `备份完成：${path.resolve(file)}（${manifest.tables.length} 张表 ${rows} 行，${manifest.files.length} 个附件文件）`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        log.error(error.message);
        return 1;
      }
      throw error;
    } finally {
      await runtime.close();
    }
  },

  async restore(config, log, args) {
    const file = args.find((a) => !a.startsWith('--'));
    if (!file || !config.backupPassphrase) {
      log.error(
        '用法：BACKUP_PASSPHRASE=<备份时的口令> groundbreak restore <文件.tar.gz>（恢复到新的空数据目录或空数据库）',
      );
      return 2;
    }
    const runtime = await openRuntime(config, log, 'cli', 'restore', { migrate: true, protectFields: false });
    const client = await runtime.database.pool.connect();
    try {
      const { manifest, keys } = await restoreBackup({
        client,
        dataDir: config.dataDir,
        file: path.resolve(file),
        passphrase: config.backupPassphrase,
        // Encrypted phones only open with the key they were written with: refuse before loading anything.
        acceptKeys: (archived) => {
          if (
            archived.fieldKey &&
            config.fieldEncryptionKey &&
            config.fieldEncryptionKey !== archived.fieldKey
          ) {
            throw new BackupError(
              config.mode === 'production'
                ? 'FIELD_ENCRYPTION_KEY 与备份时的不同：备份中加密的个人信息将无法读取。请将 FIELD_ENCRYPTION_KEY 设为备份时的密钥后重试'
                : 'FIELD_ENCRYPTION_KEY 与备份时的不同：备份中加密的个人信息将无法读取。请设为备份时的密钥，或不设置（使用备份中的密钥）后重试',
            );
          }
        },
      });
      if (keys.auditKeyFromFile && !config.auditHmacKey) {
        writeKeyFile(config.dataDir, 'audit-hmac', keys.auditHmacKey);
      } else if (config.auditHmacKey !== keys.auditHmacKey) {
        log.error('注意：AUDIT_HMAC_KEY 与备份时的不同，审计日志校验将失败；请设为备份时的密钥');
      }
      if (keys.fieldKey && !config.fieldEncryptionKey) {
        writeKeyFile(config.dataDir, 'field', keys.fieldKey);
        if (!keys.fieldKeyFromFile) {
          log.info(
            '个人信息加密密钥取自备份，已写入数据目录 keys/field.key；生产环境请改为配置 FIELD_ENCRYPTION_KEY',
          );
        }
      }
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      log.info(
        `恢复完成：${manifest.tables.length} 张表 ${rows} 行，${manifest.files.length} 个附件文件（备份于 ${manifest.createdAt}）`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        log.error(error.message);
        return 1;
      }
      throw error;
    } finally {
      client.release();
      await runtime.close();
    }
  },

  async jobs() {
    for (const job of MODULES.flatMap((m) => m.jobs ?? [])) {
      process.stdout.write(`${job.name}\t${job.schedule}\t${job.description}\n`);
    }
    return 0;
  },

  async help() {
    process.stdout.write(`${HELP}\n`);
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = commands[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) {
    process.stderr.write(`未知命令 "${name}"\n\n${HELP}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 78; // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  try {
    return await command(config, log, args);
  } catch (error) {
    if (
      error instanceof DataDirBusyError ||
      error instanceof DatabaseCheckError ||
      error instanceof EmbeddedServerError ||
      error instanceof CreateAdminError ||
      error instanceof UnknownJobError ||
      error instanceof FieldKeyError
    ) {
      log.error(error.message);
      return error instanceof UnknownJobError ? 2 : 1;
    }
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
