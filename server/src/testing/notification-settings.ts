import type { NotificationSettings } from '../config';

/** Outside channels in tests: short timeouts, no mail server unless a test gives one. */
export const TEST_NOTIFICATION_SETTINGS: NotificationSettings = {
  publicUrl: 'http://127.0.0.1:3000',
  smtpUrl: undefined,
  mailFrom: 'Groundbreak <noreply@localhost>',
  maxAttempts: 8,
  retryBaseSeconds: 60,
  timeoutMs: 2000,
};
