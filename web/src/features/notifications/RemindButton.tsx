/**
 * "Nhắc nhở": the office reminds the units of a round that have not submitted (all of them, or those
 * chosen), after a confirmation saying what they will get; the answer says how many units were
 * notified and how many e-mails went out. For the round's page (ROUNDS) to mount:
 * `<RemindButton roundId={round.id} unitIds={selected} />`.
 */
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { api, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { NOTIFICATIONS_KEY } from './useNotifications';
import '../../i18n/notifications';

export function RemindButton({
  roundId,
  unitIds,
  disabled,
}: {
  roundId: number;
  /** the units chosen; absent or empty: every unit not yet submitted */
  unitIds?: readonly number[];
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const chosen = unitIds && unitIds.length > 0 ? [...unitIds] : undefined;
  const remind = useMutation({
    mutationFn: () => api.remind(roundId, chosen),
    onSuccess: (result) => {
      void message.success(t('remindDone', { notified: result.notified, emailed: result.emailed }));
      void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Button
      icon={<BellOutlined />}
      disabled={disabled}
      loading={remind.isPending}
      data-testid="remind-button"
      onClick={() =>
        void modal.confirm({
          title: t('remindTitle'),
          content: chosen
            ? `${t('remindBody')} ${t('remindBodyUnits', { n: chosen.length })}`
            : t('remindBody'),
          okText: t('remindSend'),
          cancelText: t('cancel'),
          onOk: () => remind.mutateAsync(),
        })
      }
    >
      {t('remindButton')}
    </Button>
  );
}
