/**
 * `parindex audit verify [--anchor ID:HASH]…` and `parindex audit anchor`: check the hash chain,
 * and print its head for the operator to keep outside the database (a later verify with that anchor
 * finds a trail rewritten by someone who could drop the triggers).
 */
import type { Command } from 'commander';
import type { Lang } from '../core/findings.js';
import {
  auditHead,
  formatAnchor,
  parseAnchor,
  verifyAudit,
  type AuditAnchor,
  type VerifyFailure,
  type VerifyResult,
} from '../modules/audit-verify.js';
import type { CliContext } from './context.js';

const REASON: Record<Lang, Record<VerifyFailure, string>> = {
  vi: {
    content: 'nội dung không khớp mã băm của nó',
    link: 'không nối với mục trước (mục bị xóa hoặc đảo thứ tự)',
    gap: 'số thứ tự không liền với mục trước (thiếu mục ở đầu hoặc ở giữa)',
    head: 'mục cuối không khớp đầu chuỗi (có mục cuối bị xóa hoặc đầu chuỗi bị lùi)',
    count: 'số mục không khớp số mục đầu chuỗi đã đếm (có mục bị xóa)',
    anchor: 'không còn mục này với mã băm đã ghi giữ bên ngoài (nhật ký đã bị viết lại)',
  },
  en: {
    content: 'its content does not match its hash',
    link: 'it does not link to the entry before (an entry was removed or moved)',
    gap: 'its id does not follow the entry before (entries are missing at the start or in between)',
    head: 'the last entry does not match the head of the chain (entries at the end were removed, or the head was moved back)',
    count: 'the trail does not hold as many entries as the head counted (entries were removed)',
    anchor:
      'the trail no longer holds this entry with the hash kept outside the database (the trail was rewritten)',
  },
};

/** The one line verify prints when the chain does not hold. */
export function verifyFailureLine(result: Extract<VerifyResult, { ok: false }>, lang: Lang): string {
  const where =
    result.id === null ? (lang === 'vi' ? 'cuối nhật ký' : 'the end of the trail') : `#${result.id}`;
  const why = REASON[lang][result.reason];
  return lang === 'vi'
    ? `nhật ký đã bị thay đổi tại mục ${where}: ${why} (${result.entries} mục trước đó khớp)`
    : `the audit trail was altered at entry ${where}: ${why} (${result.entries} entries before it hold)`;
}

export function auditCommands(program: Command, cli: CliContext): void {
  const auditCommand = program.command('audit').description('nhật ký thay đổi / audit trail');
  auditCommand
    .command('verify')
    .description('kiểm tra chuỗi mã băm của nhật ký: mục nào bị sửa, xóa hay đảo thứ tự')
    .option(
      '--anchor <id:hash>',
      'một mục đã ghi giữ bên ngoài CSDL (từ `audit anchor`); có thể nhắc lại',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(cli.dbOption())
    .action(async (opts: { db?: string; anchor?: string[] }) => {
      const lang = cli.lang();
      const anchors: AuditAnchor[] = (opts.anchor ?? []).map((text) => {
        const anchor = parseAnchor(text);
        if (!anchor)
          cli.fail(
            lang === 'vi'
              ? `--anchor ${text}: phải có dạng SỐ:MÃ_BĂM (64 ký tự hex), như \`parindex audit anchor\` in ra`
              : `--anchor ${text}: expected ID:HASH (64 hex characters), as \`parindex audit anchor\` prints`,
          );
        return anchor;
      });
      await cli.withDatabase(opts.db, async (database) => {
        const result = await verifyAudit(database.db, { anchors });
        if (result.ok) {
          const anchored =
            anchors.length === 0
              ? ''
              : lang === 'vi'
                ? ` Các mốc ${anchors.map((a) => `#${a.id}`).join(', ')} còn nguyên.`
                : ` Anchors ${anchors.map((a) => `#${a.id}`).join(', ')} hold.`;
          cli.io.out(
            lang === 'vi'
              ? `Nhật ký nguyên vẹn: ${result.entries} mục, chuỗi mã băm khớp. Mã băm cuối: ${result.lastHash}${anchored}`
              : `Audit trail intact: ${result.entries} entries, hash chain holds. Last hash: ${result.lastHash}${anchored}`,
          );
          return;
        }
        cli.io.err(`parindex: ${verifyFailureLine(result, lang)}`);
        cli.setExitCode(1);
      });
    });

  auditCommand
    .command('anchor')
    .description('in đầu chuỗi nhật ký (số mục, mã băm) để ghi giữ bên ngoài CSDL')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const lang = cli.lang();
      await cli.withDatabase(opts.db, async (database) => {
        // an anchor of a trail that does not hold would vouch for the tampering
        const result = await verifyAudit(database.db);
        if (!result.ok) {
          cli.io.err(`parindex: ${verifyFailureLine(result, lang)}`);
          cli.setExitCode(1);
          return;
        }
        const head = await auditHead(database.db);
        const anchor = formatAnchor(head);
        if (opts.json) {
          cli.io.out(
            JSON.stringify({ id: head.id, hash: head.hash, entries: head.entries, anchor }, null, 2),
          );
          return;
        }
        cli.io.out(anchor);
        cli.io.out(
          lang === 'vi'
            ? `(mục cuối #${head.id}, ${head.entries} mục. Ghi giữ dòng trên ở ngoài CSDL; sau này kiểm tra bằng: parindex audit verify --anchor ${anchor})`
            : `(last entry #${head.id}, ${head.entries} entries. Keep the line above outside the database; check later with: parindex audit verify --anchor ${anchor})`,
        );
      });
    });
}
