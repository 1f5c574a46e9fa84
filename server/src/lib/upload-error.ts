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
