import crypto from 'node:crypto';
import { NOTIFICATION_MODULE_LABELS } from '@groundbreak/contract';

// What a message looks like on each outside channel: the 企业微信 and 钉钉 group robots' markdown messages,
// a plain JSON document (signed with HMAC-SHA256 when the channel has a secret) and an e-mail. Links in
// the inbox are paths of the app ('/problems/…'); outside they become absolute through the public URL.

export type OutgoingMessage = {
  kind: 'message' | 'digest' | 'test';
  module: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  orgName: string;
};

/** 企业微信 markdown content is limited to 4096 bytes of UTF-8; 钉钉 to 20000 (we keep both under 4000). */
const MAX_MARKDOWN_BYTES = 4000;

export function moduleLabel(module: string): string {
  return NOTIFICATION_MODULE_LABELS[module] ?? module;
}

export function absoluteLink(link: string | null, publicUrl: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** Cuts text to at most `maxBytes` of UTF-8 on a character boundary, marking the cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  const mark = '…（内容过长，已截断）';
  const room = maxBytes - Buffer.byteLength(mark, 'utf8');
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > room) break;
    out += ch;
    bytes += size;
  }
  return out + mark;
}

/** Markdown's own characters in a title or body would change how it shows; they are escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

function shanghaiTime(at: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(at)
    .replaceAll('/', '-');
}

function markdown(m: OutgoingMessage, publicUrl: string): string {
  const url = absoluteLink(m.link, publicUrl);
  const lines = [
    `**${escapeMarkdown(m.title)}**`,
    ...m.body
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => `> ${escapeMarkdown(l)}`),
    `<font color="comment">${moduleLabel(m.module)} · ${m.orgName} · ${shanghaiTime(m.createdAt)}</font>`,
    ...(url ? [`[在平台中查看](${url})`] : []),
  ];
  return truncateUtf8(lines.join('\n'), MAX_MARKDOWN_BYTES);
}

/** 企业微信 群机器人: POST {msgtype: markdown}; it answers {"errcode":0,"errmsg":"ok"}. */
export function wecomPayload(m: OutgoingMessage, publicUrl: string) {
  return { msgtype: 'markdown', markdown: { content: markdown(m, publicUrl) } };
}

/** 钉钉 自定义机器人: POST {msgtype: markdown, markdown: {title, text}}; it answers {"errcode":0,...}. */
export function dingtalkPayload(m: OutgoingMessage, publicUrl: string) {
  const text = markdown(m, publicUrl).replace(/<font color="comment">(.*)<\/font>/, '###### $1');
  return { msgtype: 'markdown', markdown: { title: m.title.slice(0, 60), text } };
}

/** 钉钉 加签: timestamp (ms) and the base64 HMAC-SHA256 of "timestamp\nsecret", added to the URL. */
export function dingtalkSignedUrl(url: string, secret: string, nowMs: number): string {
  const sign = crypto.createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(nowMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

export function jsonPayload(m: OutgoingMessage, publicUrl: string, deliveryId: string) {
  return {
    event: 'groundbreak.notification',
    id: deliveryId,
    kind: m.kind,
    module: m.module,
    moduleLabel: moduleLabel(m.module),
    title: m.title,
    body: m.body,
    link: absoluteLink(m.link, publicUrl),
    organisation: m.orgName,
    createdAt: m.createdAt.toISOString(),
  };
}

/** The JSON webhook's signature header: "sha256=" and the hex HMAC-SHA256 of the exact body sent. */
export function jsonSignature(body: string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function emailMessage(m: OutgoingMessage, publicUrl: string): { subject: string; text: string } {
  const url = absoluteLink(m.link, publicUrl);
  return {
    subject: `【重大项目】${m.title}`,
    text: [
      m.body,
      '',
      `${moduleLabel(m.module)} · ${m.orgName} · ${shanghaiTime(m.createdAt)}`,
      ...(url ? [`在平台中查看：${url}`] : []),
      '',
      '此邮件由系统自动发送，请勿直接回复。',
    ].join('\n'),
  };
}

/** The daily digest of a channel: one message listing the day's messages, newest last. */
export function digestMessage(
  items: readonly { module: string; title: string; link: string | null; createdAt: Date }[],
  day: string,
  orgName: string,
  now: Date,
  limit = 30,
): OutgoingMessage {
  const shown = items.slice(0, limit);
  const lines = shown.map(
    (i, n) => `${n + 1}. [${moduleLabel(i.module)}] ${i.title}（${shanghaiTime(i.createdAt).slice(5)}）`,
  );
  if (items.length > shown.length) lines.push(`……以及其他 ${items.length - shown.length} 条，请登录平台查看`);
  return {
    kind: 'digest',
    module: 'digest',
    title: `${day} 消息摘要：${items.length} 条`,
    body: lines.join('\n'),
    link: '/notifications',
    createdAt: now,
    orgName,
  };
}
