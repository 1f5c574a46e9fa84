// What an uploaded file really is, from its first bytes, checked against its name's extension. Only the
// document and image types a project file needs are accepted.

export const ALLOWED_FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  ofd: { contentType: 'application/ofd', extensions: ['ofd'] },
  doc: { contentType: 'application/msword', extensions: ['doc'] },
  xls: { contentType: 'application/vnd.ms-excel', extensions: ['xls'] },
} as const;
export type AllowedFileType = keyof typeof ALLOWED_FILE_TYPES;

const startsWith = (head: Uint8Array, bytes: readonly number[]) => bytes.every((b, i) => head[i] === b);

function family(head: Uint8Array): 'pdf' | 'png' | 'jpeg' | 'zip' | 'ole' | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip'; // docx, xlsx, ofd
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole'; // doc, xls
  return null;
}

export type SniffResult =
  | { ok: true; type: AllowedFileType; contentType: string }
  | { ok: false; message: string };

/** Accepts a file when its content is an allowed type and its extension names that same type. */
export function sniffFile(head: Uint8Array, fileName: string): SniffResult {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const fam = family(head);
  if (!fam) return { ok: false, message: '文件内容不是允许的类型（PDF、图片 JPG/PNG、Word、Excel、OFD）' };
  const candidates = (Object.keys(ALLOWED_FILE_TYPES) as AllowedFileType[]).filter((t) => {
    const f = t === 'docx' || t === 'xlsx' || t === 'ofd' ? 'zip' : t === 'doc' || t === 'xls' ? 'ole' : t;
    return f === fam;
  });
  const type = candidates.find((t) => (ALLOWED_FILE_TYPES[t].extensions as readonly string[]).includes(ext));
  if (!type) return { ok: false, message: `文件扩展名 .${ext} 与文件内容不符` };
  return { ok: true, type, contentType: ALLOWED_FILE_TYPES[type].contentType };
}

const CONTAINER_MARKERS: Partial<Record<AllowedFileType, string[][]>> = {
  // Zip entry names are stored uncompressed in the local and central headers.
  docx: [['[Content_Types].xml'], ['word/']],
  xlsx: [['[Content_Types].xml'], ['xl/']],
  ofd: [['OFD.xml']],
  // OLE2 directory entries are UTF-16LE names.
  doc: [['WordDocument']],
  xls: [['Workbook', 'Book']],
};

function contains(bytes: Uint8Array, text: string, utf16: boolean): boolean {
  const needle = utf16
    ? Uint8Array.from([...text].flatMap((c) => [c.charCodeAt(0), 0]))
    : new TextEncoder().encode(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * A zip or OLE2 file is only the document its extension names when it holds that document's parts (a
 * zipped program renamed .docx has no word/ part). Each group of markers needs one of its names.
 */
export function verifyContainer(type: AllowedFileType, bytes: Uint8Array): boolean {
  const groups = CONTAINER_MARKERS[type];
  if (!groups) return true;
  const utf16 = type === 'doc' || type === 'xls';
  return groups.every((names) => names.some((name) => contains(bytes, name, utf16)));
}
