/**
 * What the user typed into a cell before the server refused it as stale (someone else changed the
 * row): shown under the reloaded value with "reapply" (save it on the current version) and "discard".
 */
import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';

export function KeptValue(props: {
  text: string;
  label: string;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useI18n();
  return (
    <Space
      size={4}
      wrap
      data-testid="kept-value"
      style={{ marginTop: 4, background: '#fffbe6', padding: '0 4px' }}
    >
      <Typography.Text style={{ fontSize: 12 }}>{t('typedKept', { value: props.text })}</Typography.Text>
      <Button
        size="small"
        type="link"
        aria-label={`${t('reapply')} ${props.label}`}
        onClick={props.onReapply}
      >
        {t('reapply')}
      </Button>
      <Button
        size="small"
        type="text"
        aria-label={`${t('discardTyped')} ${props.label}`}
        onClick={props.onDiscard}
      >
        {t('discardTyped')}
      </Button>
    </Space>
  );
}
