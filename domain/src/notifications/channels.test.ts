import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, emailHint, parseEmailList, retryDelaySeconds, webhookHint } from './channels';

describe('retryDelaySeconds', () => {
  it('doubles from the base wait after each failure and stops at the last attempt', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelaySeconds(n));
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3840, null]);
  });

  it('never waits longer than the cap', () => {
    const policy = { maxAttempts: 20, baseSeconds: 60, capSeconds: 600 };
    expect(retryDelaySeconds(4, policy)).toBe(480);
    expect(retryDelaySeconds(5, policy)).toBe(600);
    expect(retryDelaySeconds(19, policy)).toBe(600);
    expect(retryDelaySeconds(20, policy)).toBeNull();
  });

  it('gives up at once when only one attempt is allowed', () => {
    expect(retryDelaySeconds(1, { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })).toBeNull();
  });

  it('refuses an attempt number below one', () => {
    expect(() => retryDelaySeconds(0)).toThrow(RangeError);
  });
});

describe('hints', () => {
  it('hides a group robot key but keeps where it goes', () => {
    expect(
      webhookHint(
        'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
      ),
    ).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa');
    expect(webhookHint('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=****',
    );
  });

  it('drops credentials and shortens a long secret path', () => {
    const hint = webhookHint(
      'https://user:pw@hooks.example.cn/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    );
    expect(hint).not.toContain('pw');
    expect(hint).toMatch(/^https:\/\/hooks\.example\.cn\/services\/T000\/B000\/…\*\*\*\*XXXX$/);
  });

  it('masks the local part of e-mail addresses', () => {
    expect(emailHint(['zhang.san@wj.gov.cn', 'li@czfgw.cn'])).toBe('z***@wj.gov.cn, l***@czfgw.cn');
  });
});

describe('parseEmailList', () => {
  it('splits on commas, semicolons (also full-width), spaces and new lines, lower-cases and dedupes', () => {
    expect(parseEmailList('A@wj.gov.cn; b@wj.gov.cn，a@WJ.gov.cn\nc@x.cn')).toEqual({
      addresses: ['a@wj.gov.cn', 'b@wj.gov.cn', 'c@x.cn'],
    });
  });

  it('names the first address that is not one', () => {
    expect(parseEmailList('a@wj.gov.cn, 张三')).toEqual({ bad: '张三' });
  });
});
