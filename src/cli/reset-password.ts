/** `parindex reset-password USER`: a new password for an account (an administrator who forgot theirs). */
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import type { CliContext } from './context.js';

export function resetPasswordCommand(program: Command, cli: CliContext): void {
  program
    .command('reset-password')
    .description('đặt lại mật khẩu một tài khoản (khi quản trị quên mật khẩu); in mật khẩu mới một lần')
    .argument('<username>')
    .addOption(cli.dbOption())
    .action(async (username: string, opts: { db?: string }) => {
      await cli.withDatabase(opts.db, async (database) => {
        const { normaliseUsername } = await import('../modules/auth.js');
        const { resetPassword, userIdByName } = await import('../modules/users-admin.js');
        const userId = await userIdByName(database.db, username);
        if (userId === null) cli.fail(cli.text('cli.noUser', { username }));
        const password = await resetPassword(
          { db: database.db, clock: () => cli.now() },
          systemActor(cli.user),
          userId,
        );
        cli.io.out(cli.text('cli.newPassword', { username: normaliseUsername(username), password }));
      });
    });
}
