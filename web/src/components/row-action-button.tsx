import { Button } from 'antd';

interface RowActionButtonProps {
  label: string;
  isDanger?: boolean;
  onClick: () => void;
}

/** A link-style action in a table's 操作 column; clicking it does not also open the row. */
export function RowActionButton({ label, isDanger = false, onClick }: RowActionButtonProps) {
  return (
    <Button
      type="link"
      size="small"
      danger={isDanger}
      style={{ paddingInline: 4 }}
      onClick={(event) => {
        event.stopPropagation();
        onClick();
      }}
    >
      {label}
    </Button>
  );
}
