import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/** A multipart parser's refusal as the error the user reads. */
export function uploadError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      code === 'FST_REQ_FILE_TOO_LARGE'
        ? `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 上限`
        : '一次只能上传一个文件',
    );
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  }
  return error;
}

/** The one file of a multipart request, as the handler gets it. */
export type UploadedFile = { fileName: string; stream: Readable; toBuffer: () => Promise<Buffer> };

/**
 * Reads the single file of a multipart/form-data request (field `file`) and hands it to `use`: a request
 * that is not multipart is 415, one without a file 400, a file over `maxBytes` 413. Whatever `use` leaves
 * unread is drained when it fails, so the connection is not left hanging.
 */
export async function withUploadedFile<T>(
  request: FastifyRequest,
  maxBytes: number,
  use: (file: UploadedFile) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  }
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (error) {
    throw uploadError(error, maxBytes);
  }
  if (!part) throw new AppError('VALIDATION_FAILED', '没有收到文件');
  try {
    const { filename, file } = part;
    return await use({ fileName: filename, stream: file, toBuffer: () => part.toBuffer() });
  } catch (error) {
    part.file.resume();
    throw uploadError(error, maxBytes);
  }
}
