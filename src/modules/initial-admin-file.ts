/**
 * The first administrator's password, kept in a file only the server's account can read until it is
 * used: once that account has chosen its own password the file is deleted, so the one-time password
 * does not lie around in data/ (the account may have been reset since: the file is gone either way).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { findUserByName } from '../db/users-repo.js';

export const INITIAL_ADMIN_FILE = 'initial-admin.txt';

/** Writes the file in `folder` (created 0700) with mode 0600; returns its path. */
export function writeInitialAdminFile(folder: string, admin: { username: string; password: string }): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, INITIAL_ADMIN_FILE);
  writeFileSync(
    file,
    `ParIndex — tài khoản quản trị đầu tiên / first administrator\nTên đăng nhập / user name: ${admin.username}\nMật khẩu / password: ${admin.password}\n(Phải đổi mật khẩu ở lần đăng nhập đầu; tệp này tự xóa sau đó / change it at the first sign-in; this file is then deleted)\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}

/** Deletes the file once the account it names has changed its password; true when deleted. */
export async function forgetInitialAdminFile(db: Kysely<DB>, file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  const username = /user name: (\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!username) return false;
  const user = await findUserByName(db, username);
  if (!user || user.must_change_password) return false;
  rmSync(file, { force: true });
  return true;
}
