import crypto from 'node:crypto';
import fs from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';

// Receiving an upload: streamed to its file (created exclusively, fsynced), hashed on the way, refused
// past the size limit, with its first bytes kept for the type check. A failed receive leaves no file.

const HEAD_BYTES = 16;

/** Streams the upload to a temporary file, hashing it and keeping its first bytes for the type check. */
export async function receiveFile(
  stream: Readable,
  target: string,
  maxBytes: number,
): Promise<{ size: number; sha256: string; head: Buffer }> {
  const hash = crypto.createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 上限`);
  // One pipeline: a write error (a full disk) rejects it instead of surfacing as an unhandled event.
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge());
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, fs.createWriteStream(target, { flags: 'wx', mode: 0o640 }));
    // The multipart parser cuts a file at its size limit and marks the stream truncated.
    if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
    const fd = fs.openSync(target, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return { size, sha256: hash.digest('hex'), head: Buffer.concat(headParts) };
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}
