// Looking at a zip (xlsx, docx, ofd) before anything inflates it: the entry count and the sizes its central
// directory declares, against limits, so that a zip bomb (a few KB that inflate to gigabytes) or a zip of
// a million entries is refused without parsing. The parser's own memory cap stays the last guard, since a
// crafted file can declare sizes smaller than what it inflates to.

export type ZipLimits = {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Largest inflation ratio of one entry above 1 MB (office XML compresses 5–30×). */
  maxRatio: number;
};

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxRatio: 200,
};

export type ZipInspection =
  | { ok: true; entries: number; uncompressedBytes: number }
  | { ok: false; message: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const RATIO_FLOOR = 1024 * 1024;

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

export function inspectZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipInspection {
  const bad = (message: string): ZipInspection => ({ ok: false, message });
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return bad('文件不是完整的 zip 压缩包（找不到目录）');
  const entries = u16(bytes, end + 10);
  const directorySize = u32(bytes, end + 12);
  const directoryAt = u32(bytes, end + 16);
  if (entries === 0xffff || directoryAt === 0xffffffff || directorySize === 0xffffffff) {
    return bad('不支持 ZIP64 格式的压缩包');
  }
  if (entries > limits.maxEntries) return bad(`压缩包内文件过多（${entries} 个，上限 ${limits.maxEntries}）`);
  if (directoryAt + directorySize > end) return bad('压缩包目录损坏');
  let at = directoryAt;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) return bad('压缩包目录损坏');
    const compressed = u32(bytes, at + 20);
    const uncompressed = u32(bytes, at + 24);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return bad('不支持 ZIP64 格式的压缩包');
    if (uncompressed > RATIO_FLOOR && uncompressed / Math.max(1, compressed) > limits.maxRatio) {
      return bad('压缩包内有压缩比异常的文件（疑似“压缩炸弹”），已拒绝');
    }
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) {
      return bad(`压缩包解压后超过 ${Math.floor(limits.maxUncompressedBytes / 1024 / 1024)} MB 上限`);
    }
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return { ok: true, entries, uncompressedBytes: total };
}
