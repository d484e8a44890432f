/**
 * The council page's edit dialog's fields (CouncilPage.tsx): the score and the comment or reason.
 * Loaded when the dialog first opens, so antd's Input is not in the page's first load.
 */
import { Input, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import '../../i18n/appraisal';

export default function CouncilEditFields({
  proposal,
  corrections,
  score,
  comment,
  onScore,
  onComment,
}: {
  /** the proposal's score, when one is being edited */
  proposal: string | null | undefined;
  corrections: boolean;
  score: string;
  comment: string;
  onScore: (value: string) => void;
  onComment: (value: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {proposal !== undefined && (
        <Typography.Text type="secondary">
          {t('councilColProposal')}: {fmt(proposal, lang) || '—'}
        </Typography.Text>
      )}
      <Input
        aria-label={t('councilScore')}
        data-testid="final-score"
        value={score}
        style={{ width: 120 }}
        onChange={(e) => onScore(e.target.value)}
      />
      <Input.TextArea
        aria-label={corrections ? t('councilReason') : t('councilComment')}
        placeholder={corrections ? t('councilReason') : t('councilComment')}
        data-testid="final-comment"
        value={comment}
        autoSize={{ minRows: 2, maxRows: 6 }}
        onChange={(e) => onComment(e.target.value)}
      />
    </Space>
  );
}
