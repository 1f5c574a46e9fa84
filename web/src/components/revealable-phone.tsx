import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../lib/describe-error';
import { EMPTY_VALUE } from '../lib/format';
import { ReasonModal } from './reason-modal';

interface RevealablePhoneProps {
  /** The number as every answer carries it (138****5678), or null for none. */
  masked: string | null;
  canReveal: boolean;
  /** Asks the server for the full number with the reason (audited there). */
  reveal: (reason: string) => Promise<string | null>;
  isRevealing: boolean;
  placeholder: string;
}

/** A phone shown masked; 查看完整号码 asks why (the reason is audited) and shows the number once. */
export function RevealablePhone({
  masked,
  canReveal,
  reveal,
  isRevealing,
  placeholder,
}: RevealablePhoneProps) {
  const { message } = App.useApp();
  const [isAsking, setAsking] = useState(false);
  const [phone, setPhone] = useState<string | null>();
  if (!masked) return <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;
  return (
    <Flex gap={8} align="center" wrap>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phone ?? masked}</span>
      {canReveal && phone === undefined && (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setAsking(true)}>
          查看完整号码
        </Button>
      )}
      <ReasonModal
        open={isAsking}
        title="查看完整号码"
        okText="查看"
        label="查看原因"
        warning="电话号码属于个人信息，查看完整号码将记入审计日志"
        placeholder={placeholder}
        minLength={2}
        maxLength={200}
        isSaving={isRevealing}
        onCancel={() => setAsking(false)}
        onSubmit={(reason) =>
          reveal(reason).then(
            (full) => {
              setPhone(full);
              setAsking(false);
            },
            (error: unknown) => message.error(describeError(error).message),
          )
        }
      />
    </Flex>
  );
}
