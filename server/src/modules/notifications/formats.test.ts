import { describe, expect, it } from 'vitest';
import { digestMessage, dingtalkPayload, jsonPayload, truncateUtf8, wecomPayload } from './formats';

const message = {
  kind: 'message' as const,
  module: 'tracking',
  title: '问题 WT-2025-0003 已交办：排水许可*材料*补正',
  body: '主办单位办理时限2025-03-24（15个工作日）\n请按时办结',
  link: '/problems/abc',
  createdAt: new Date('2025-03-03T02:00:00Z'),
  orgName: '自然资源和规划分局',
};

describe('channel formats', () => {
  it('writes a 企业微信 markdown message with the body quoted, markdown characters escaped and an absolute link', () => {
    const content = wecomPayload(message, 'https://zdxm.example.gov.cn').markdown.content;
    expect(content).toBe(
      [
        '**问题 WT-2025-0003 已交办：排水许可\\*材料\\*补正**',
        '> 主办单位办理时限2025-03-24（15个工作日）',
        '> 请按时办结',
        '<font color="comment">项目跟踪与督办 · 自然资源和规划分局 · 2025-03-03 10:00</font>',
        '[在平台中查看](https://zdxm.example.gov.cn/problems/abc)',
      ].join('\n'),
    );
  });

  it('gives 钉钉 a title and no font tag', () => {
    const payload = dingtalkPayload(message, 'http://127.0.0.1:3000');
    expect(payload.msgtype).toBe('markdown');
    expect(payload.markdown.title).toBe(message.title);
    expect(payload.markdown.text).toContain('###### 项目跟踪与督办 · 自然资源和规划分局');
    expect(payload.markdown.text).not.toContain('<font');
  });

  it('keeps a long message under the robots\u2019 size limit, cut on a character boundary', () => {
    const long = { ...message, body: '长'.repeat(3000) };
    const content = wecomPayload(long, 'http://x').markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4000);
    expect(content.endsWith('…（内容过长，已截断）')).toBe(true);
    expect(truncateUtf8('短文本', 100)).toBe('短文本');
  });

  it('sends plain JSON with the module named and the time in ISO', () => {
    expect(jsonPayload(message, 'http://x', 'd1')).toMatchObject({
      event: 'groundbreak.notification',
      id: 'd1',
      moduleLabel: '项目跟踪与督办',
      link: 'http://x/problems/abc',
      createdAt: '2025-03-03T02:00:00.000Z',
    });
  });

  it('lists a day\u2019s messages in a digest and says how many more there are', () => {
    const items = Array.from({ length: 32 }, (_, i) => ({
      module: 'tracking',
      title: `消息${i + 1}`,
      link: null,
      createdAt: new Date('2025-03-05T02:00:00Z'),
    }));
    const digest = digestMessage(items, '2025-03-06', '区发改委', new Date('2025-03-06T00:30:00Z'));
    expect(digest.title).toBe('2025-03-06 消息摘要：32 条');
    const lines = digest.body.split('\n');
    expect(lines[0]).toBe('1. [项目跟踪与督办] 消息1（03-05 10:00）');
    expect(lines).toHaveLength(31);
    expect(lines[30]).toBe('……以及其他 2 条，请登录平台查看');
  });
});
