import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { type Clock, offsetClock, systemClock } from './clock';
import type { Config } from './config';
import { countMigrations } from './db/database';
import { AppError } from './errors';
import { createJobRunner } from './jobs/runner';
import { failOrphanedImports } from './lib/imports/import-jobs';
import { auditKeyOf } from './modules/audit/audit.seal';
import { MODULES } from './modules/modules';
import { createUsersRepository } from './modules/users/users.repository';
import { openRuntime } from './runtime';
import { createDemoAccounts, writeDemoAccountsFile } from './seed/accounts';
import { seedDemoAttraction } from './seed/demo-attraction';
import { seedDemoEvaluation } from './seed/demo-evaluation';
import { seedDemoMu } from './seed/demo-mu';
import { seedDemoLights } from './seed/demo-tracking';
import { isDemoSeeded, seedDemoData, seedReferenceData } from './seed/seed';
import { seedDemoCampaign } from './seed/seed-campaigns';
import { seedDemoProjects } from './seed/seed-projects';
import { VERSION } from './version';

type Log = {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug(msg: string): void;
};

/** `groundbreak serve`: database up, migrations, reference data, demo data on first start, HTTP, jobs. */
export async function serve(config: Config, log: Log): Promise<{ close(): Promise<void>; url: string }> {
  const startedAt = new Date();
  const runtime = await openRuntime(config, log, 'serve', 'serve', { migrate: true });
  let closing: Promise<void> | undefined;
  try {
    await seedReferenceData(runtime.database.db);
    if (config.mode === 'demo' && !(await isDemoSeeded(runtime.database.db))) {
      const seeded = await seedDemoData(runtime.database.db, systemClock.now());
      log.info(`已载入演示数据：${seeded.enterprises} 家企业`);
    }
    if (
      config.mode === 'demo' &&
      (await createUsersRepository(runtime.database.db, runtime.protector).count()) === 0
    ) {
      const accounts = await createDemoAccounts(runtime.database.db, systemClock.now());
      const file = writeDemoAccountsFile(config.dataDir, accounts, systemClock.now());
      // Printed once, to the operator's terminal; the file keeps them (mode 600).
      process.stdout.write(
        `\n演示账号（随机密码，仅此一次显示，另存于 ${file}）：\n${accounts
          .map((a) => `  ${a.username.padEnd(10)} ${a.password}  ${a.label}`)
          .join('\n')}\n\n`,
      );
    }
    if (config.mode === 'demo') {
      const seeded = await seedDemoProjects(runtime.database.db, systemClock.now(), {
        protector: runtime.protector,
        dataDir: config.dataDir,
      });
      if (seeded.libraries > 0) {
        log.info(`已载入演示项目：${seeded.projects} 个项目，${seeded.libraries} 条入库记录`);
        const lit = await seedDemoLights(runtime.database, systemClock.now());
        log.info(`已关账 ${lit.months.join('、')}，计算 ${lit.lights} 个项目的亮灯`);
      }
      const campaign = await seedDemoCampaign(runtime.database.db, systemClock.now(), {
        dataDir: config.dataDir,
      });
      if (campaign.tasks > 0) log.info(`已载入城中村专项行动演示数据：${campaign.tasks} 个整治任务`);
      const deps = { protector: runtime.protector, dataDir: config.dataDir };
      const leads = await seedDemoAttraction(runtime.database.db, systemClock.now(), deps);
      if (leads.added > 0) log.info(`已载入招商演示数据：${leads.added} 条`);
      const mu = await seedDemoMu(runtime.database.db, systemClock.now(), deps);
      if (mu.added > 0) log.info(`已载入亩均评价演示数据：${mu.added} 条`);
      const evaluation = await seedDemoEvaluation(runtime.database.db, systemClock.now(), deps);
      if (evaluation.added > 0) log.info(`已载入竣工与后评价演示数据：${evaluation.added} 条`);
    }
    const migrations = await countMigrations(runtime.database.pool);
    // Browser journeys (TEST_CLOCK=1, never in production) may move the clock to let a deadline pass.
    const moved = config.testClock ? offsetClock() : undefined;
    const clock: Clock = moved ?? systemClock;
    const app = await buildApp({
      config,
      database: runtime.database,
      protector: runtime.protector,
      clock,
      serveWeb: true,
      ...(moved ? { extraRoutes: (instance: FastifyInstance) => testClockRoute(instance, moved) } : {}),
      facts: {
        name: 'Groundbreak',
        version: VERSION,
        mode: config.mode,
        node: process.version,
        startedAt: startedAt.toISOString(),
        database: {
          serverVersion: runtime.facts.version,
          name: runtime.facts.name,
          encoding: runtime.facts.encoding,
          ctype: runtime.facts.ctype,
          address: runtime.database.address,
          migrations,
        },
      },
    });
    const orphaned = await failOrphanedImports(runtime.database.db, systemClock.now());
    if (orphaned > 0) log.info(`上次停止时有 ${orphaned} 个导入未完成，已标记为失败（没有写入数据）`);
    const jobs = createJobRunner({
      database: runtime.database,
      jobs: MODULES.flatMap((m) => m.jobs ?? []),
      clock,
      log,
      dataDir: config.dataDir,
      audit: { key: auditKeyOf(config), retentionDays: config.auditRetentionDays },
      protector: runtime.protector,
      notifications: config.notifications,
    });
    const address = await app.listen({ host: config.host, port: config.port });
    if (config.jobsEnabled) jobs.start();
    log.info(
      `Groundbreak ${VERSION}（${config.mode === 'demo' ? '演示模式' : '生产模式'}）已启动：${address}`,
    );
    return {
      url: address,
      close: () => {
        closing ??= (async () => {
          jobs.stop();
          await app.close();
          await runtime.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** POST /api/testing/clock {"at": ISO instant | null}: where the app's clock stands (journeys only). */
function testClockRoute(app: FastifyInstance, clock: ReturnType<typeof offsetClock>): void {
  app.post('/api/testing/clock', { config: { action: 'public' } }, async (request) => {
    const at = (request.body as { at?: string | null } | undefined)?.at ?? null;
    const date = at ? new Date(at) : null;
    if (date && Number.isNaN(date.getTime())) throw new AppError('VALIDATION_FAILED', 'at 应为 ISO 时间');
    clock.set(date);
    return { now: clock.now().toISOString() };
  });
}
