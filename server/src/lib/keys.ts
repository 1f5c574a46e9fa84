import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFieldProtector, type FieldProtector, type FieldScheme } from './crypto/field-protector';

// The keys that outlive a process: the audit seal chain's HMAC key and the personal-data master key.
// Production reads both from configuration (or a file named by it); demo mode makes each once in
// DATA_DIR/keys (mode 600) so that the demo stays two commands away. Backups carry them only encrypted.

export type KeyName = 'audit-hmac' | 'field';

export const keyFile = (dataDir: string, name: KeyName) => path.join(dataDir, 'keys', `${name}.key`);

/** The configured key, or the one kept in DATA_DIR/keys (made on first use). */
export function keyOf(configured: string | undefined, dataDir: string, name: KeyName): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = keyFile(dataDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}

/** Puts a key restored from a backup where `keyOf` will find it. */
export function writeKeyFile(dataDir: string, name: KeyName, key: string): void {
  const file = keyFile(dataDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, key, { mode: 0o600 });
}

export function fieldProtectorOf(config: {
  fieldEncryptionKey: string | undefined;
  fieldCipher: FieldScheme;
  dataDir: string;
}): FieldProtector {
  return createFieldProtector(keyOf(config.fieldEncryptionKey, config.dataDir, 'field'), config.fieldCipher);
}
