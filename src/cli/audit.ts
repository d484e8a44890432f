/**
 * `parindex audit verify [--anchor ID:HASH]…` and `parindex audit anchor`: check the hash chain,
 * and print its head for the operator to keep outside the database (a later verify with that anchor
 * finds a trail rewritten by someone who could drop the triggers).
 */
import type { Command } from 'commander';
import type { AuditAnchor, VerifyResult } from '../modules/audit-verify.js';
import type { CliContext } from './context.js';

/** The one line verify prints when the chain does not hold. */
export function verifyFailureLine(cli: CliContext, result: Extract<VerifyResult, { ok: false }>): string {
  return cli.text('cli.auditAltered', { at: result.id, reason: result.reason, entries: result.entries });
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
      const { parseAnchor, verifyAudit } = await import('../modules/audit-verify.js');
      const anchors: AuditAnchor[] = (opts.anchor ?? []).map((text) => {
        const anchor = parseAnchor(text);
        if (!anchor) cli.fail(cli.text('cli.badAnchor', { text }));
        return anchor;
      });
      await cli.withDatabase(opts.db, async (database) => {
        const result = await verifyAudit(database.db, { anchors });
        if (result.ok) {
          const { entries, lastHash } = result;
          cli.io.out(cli.text('cli.auditIntact', { entries, lastHash, anchors: anchors.map((a) => a.id) }));
          return;
        }
        cli.io.err(`parindex: ${verifyFailureLine(cli, result)}`);
        cli.setExitCode(1);
      });
    });

  auditCommand
    .command('anchor')
    .description('in đầu chuỗi nhật ký (số mục, mã băm) để ghi giữ bên ngoài CSDL')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { auditHead, formatAnchor, verifyAudit } = await import('../modules/audit-verify.js');
      await cli.withDatabase(opts.db, async (database) => {
        // an anchor of a trail that does not hold would vouch for the tampering
        const result = await verifyAudit(database.db);
        if (!result.ok) {
          cli.io.err(`parindex: ${verifyFailureLine(cli, result)}`);
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
        cli.io.out(cli.text('cli.anchorHint', { id: head.id, entries: head.entries, anchor }));
      });
    });
}
