/**
 * A preview's last line: the confirmation's refusal in the server's words, Back, and the confirm
 * button, disabled while an error blocks or names remain unmapped (how many said beside it).
 */
import { Alert, Button, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';

export function ConfirmBar({
  label,
  testId,
  error,
  confirming,
  canConfirm,
  unmapped,
  back,
  confirm,
}: {
  label: string;
  /** the confirm button's */
  testId: string;
  error: string | null;
  confirming: boolean;
  /** no blocking finding */
  canConfirm: boolean;
  /** "còn N tên đơn vị chưa chọn": null while every name is mapped */
  unmapped: string | null;
  back: () => void;
  confirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {error && <Alert type="error" showIcon message={error} />}
      <Space wrap>
        <Button onClick={back}>{t('back')}</Button>
        <Button
          type="primary"
          data-testid={testId}
          loading={confirming}
          disabled={!canConfirm || unmapped !== null}
          onClick={confirm}
        >
          {label}
        </Button>
        {canConfirm && unmapped !== null && <Typography.Text type="warning">{unmapped}</Typography.Text>}
      </Space>
    </>
  );
}
