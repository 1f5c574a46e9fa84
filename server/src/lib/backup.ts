import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import tar from 'tar-stream';
import { filesUnder } from './files';

// One archive (.tar.gz) for a whole installation: a consistent logical dump of every table (one
// REPEATABLE READ snapshot, rows as JSON lines — the embedded server has no pg_dump), every attachment
// file, the keys encrypted with a passphrase given at backup time, and a manifest with a SHA-256 of each
// part. Restore checks every part against the manifest, then loads it into an empty, migrated database
// (tables in foreign-key order) and an empty data directory.

export const BACKUP_FORMAT = 'groundbreak-backup/1';
/** Session and login-throttle rows are not data: a restored installation starts with nobody signed in. */
const SKIPPED_TABLES = new Set(['sessions', 'login_throttle']);
const FETCH = 2000;
const INSERT = 500;

/**
 * The keys the data needs: the audit chain's and the personal-data master key (absent in archives made
 * before fields were encrypted). `…FromFile`: the key lived in DATA_DIR/keys rather than configuration.
 */
export type BackupKeys = {
  auditHmacKey: string;
  auditKeyFromFile: boolean;
  fieldKey?: string | undefined;
  fieldKeyFromFile?: boolean | undefined;
};

export type BackupManifest = {
  format: string;
  createdAt: string;
  migrations: number;
  tables: { name: string; rows: number; sha256: string }[];
  files: { path: string; size: number; sha256: string }[];
  /** AES-256-GCM with a key from scrypt(passphrase, salt). */
  keys: { salt: string; iv: string; tag: string; data: string };
};

export class BackupError extends Error {
  override name = 'BackupError';
}

const sha256File = async (file: string) => {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
};

function keyFrom(passphrase: string, salt: Buffer): Buffer {
  if (passphrase.length < 12) throw new BackupError('备份口令至少 12 个字符');
  return crypto.scryptSync(passphrase, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

function seal(keys: BackupKeys, passphrase: string): BackupManifest['keys'] {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(passphrase, salt), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(keys), 'utf8'), cipher.final()]);
  return {
    salt: salt.toString('hex'),
    iv: iv.toString('hex'),
    tag: cipher.getAuthTag().toString('hex'),
    data: data.toString('hex'),
  };
}

function open(sealed: BackupManifest['keys'], passphrase: string): BackupKeys {
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      keyFrom(passphrase, Buffer.from(sealed.salt, 'hex')),
      Buffer.from(sealed.iv, 'hex'),
    );
    decipher.setAuthTag(Buffer.from(sealed.tag, 'hex'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'hex')), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(text) as BackupKeys;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('备份口令不正确（或备份中的密钥已损坏）');
  }
}

async function tablesOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((r) => r.name).filter((n) => !SKIPPED_TABLES.has(n));
}

/** Tables ordered so that every table comes after the tables its foreign keys point at. */
async function loadOrder(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
  const strip = (n: string) => n.replace(/^public\./, '').replace(/"/g, '');
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of rows)
    if (strip(r.child) !== strip(r.parent)) deps.get(strip(r.child))?.add(strip(r.parent));
  const ordered: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) if (deps.has(p)) visit(p, seen);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes the archive; returns its manifest. */
export async function createBackup(input: {
  pool: pg.Pool;
  dataDir: string;
  file: string;
  keys: BackupKeys;
  passphrase: string;
  now: Date;
}): Promise<BackupManifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gb-backup-'));
  const client = await input.pool.connect();
  try {
    const sealedKeys = seal(input.keys, input.passphrase);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesOf(client);
    const { rows: migrationRows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
    );
    const manifestTables: BackupManifest['tables'] = [];
    for (const table of tables) {
      const target = path.join(work, 'db', `${table}.ndjson`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const out = fs.createWriteStream(target);
      const hash = crypto.createHash('sha256');
      let count = 0;
      await client.query(
        `DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM public.${ident(table)} t`,
      );
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH} FROM dump`);
        if (rows.length === 0) break;
        const chunk = `${rows.map((r) => r.j).join('\n')}\n`;
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        count += rows.length;
      }
      await client.query('CLOSE dump');
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      manifestTables.push({ name: table, rows: count, sha256: hash.digest('hex') });
    }
    await client.query('COMMIT');
    const filesRoot = path.join(input.dataDir, 'files');
    const files: BackupManifest['files'] = [];
    for (const rel of filesUnder(filesRoot)) {
      const full = path.join(filesRoot, rel);
      files.push({
        path: rel.split(path.sep).join('/'),
        size: fs.statSync(full).size,
        sha256: await sha256File(full),
      });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: input.now.toISOString(),
      migrations: migrationRows[0]?.n ?? 0,
      tables: manifestTables,
      files,
      keys: sealedKeys,
    };
    const pack = tar.pack();
    const written = pipeline(pack, zlib.createGzip(), fs.createWriteStream(input.file, { mode: 0o600 }));
    const add = (name: string, source: string) =>
      new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name, size: fs.statSync(source).size }, (error) =>
          error ? reject(error) : resolve(),
        );
        fs.createReadStream(source).on('error', reject).pipe(entry);
      });
    const manifestFile = path.join(work, 'manifest.json');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    await add('manifest.json', manifestFile);
    for (const t of manifestTables)
      await add(`db/${t.name}.ndjson`, path.join(work, 'db', `${t.name}.ndjson`));
    for (const f of files) await add(`files/${f.path}`, path.join(filesRoot, f.path));
    pack.finalize();
    await written;
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    fs.rmSync(input.file, { force: true });
    throw error;
  } finally {
    client.release();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function extract(file: string, into: string): Promise<void> {
  const reader = tar.extract();
  reader.on('entry', (header, stream, next) => {
    const target = path.resolve(into, header.name);
    if (!target.startsWith(path.resolve(into) + path.sep) || header.type !== 'file') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    stream.pipe(fs.createWriteStream(target)).on('finish', next).on('error', next);
  });
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), reader);
}

/**
 * Loads an archive into an empty, migrated database (the owner's connection: it writes every table) and an
 * empty data directory. Every part is checked against the manifest first; nothing is loaded from a
 * damaged archive. Returns the manifest and the keys.
 */
export async function restoreBackup(input: {
  client: pg.ClientBase;
  dataDir: string;
  file: string;
  passphrase: string;
  /** Called with the archive's keys before anything is loaded: throw (BackupError) to refuse. */
  acceptKeys?: (keys: BackupKeys) => void;
}): Promise<{ manifest: BackupManifest; keys: BackupKeys }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gb-restore-'));
  const { client } = input;
  try {
    await extract(input.file, work);
    const manifestFile = path.join(work, 'manifest.json');
    if (!fs.existsSync(manifestFile))
      throw new BackupError('不是 Groundbreak 备份文件（缺少 manifest.json）');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`不支持的备份格式：${manifest.format}`);
    const keys = open(manifest.keys, input.passphrase);
    input.acceptKeys?.(keys);
    for (const t of manifest.tables) {
      if ((await sha256File(path.join(work, 'db', `${t.name}.ndjson`))) !== t.sha256) {
        throw new BackupError(`备份已损坏：数据表 ${t.name} 的校验值不符`);
      }
    }
    for (const f of manifest.files) {
      if ((await sha256File(path.join(work, 'files', f.path))) !== f.sha256) {
        throw new BackupError(`备份已损坏：文件 ${f.path} 的校验值不符`);
      }
    }
    const { rows: migrationRows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
    );
    if ((migrationRows[0]?.n ?? 0) !== manifest.migrations) {
      throw new BackupError(
        `数据库结构版本不同（备份 ${manifest.migrations} 个迁移，目标 ${migrationRows[0]?.n ?? 0} 个）：请用同一版本的程序恢复`,
      );
    }
    const tables = await tablesOf(client);
    for (const t of tables) {
      const { rows } = await client.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM public.${ident(t)}) AS any`,
      );
      if (rows[0]?.any)
        throw new BackupError(`目标数据库不是空的（${t} 已有数据）：只能恢复到新建的空数据库`);
    }
    if (filesUnder(path.join(input.dataDir, 'files')).length > 0) {
      throw new BackupError('目标数据目录中已有附件文件：只能恢复到新的空数据目录');
    }
    const wanted = new Set(manifest.tables.map((t) => t.name));
    await client.query('BEGIN');
    for (const table of await loadOrder(
      client,
      tables.filter((t) => wanted.has(t)),
    )) {
      const lines = readline.createInterface({
        input: fs.createReadStream(path.join(work, 'db', `${table}.ndjson`)),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(
          `INSERT INTO public.${ident(table)} SELECT * FROM json_populate_recordset(NULL::public.${ident(table)}, $1::json)`,
          [`[${batch.join(',')}]`],
        );
        batch = [];
      };
      for await (const line of lines) {
        if (!line) continue;
        batch.push(line);
        if (batch.length >= INSERT) await flush();
      }
      await flush();
    }
    await client.query('COMMIT');
    for (const f of manifest.files) {
      const target = path.join(input.dataDir, 'files', f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(work, 'files', f.path), target);
    }
    return { manifest, keys };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
