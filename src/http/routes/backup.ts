/**
 * The administrator's backup page: what the database is and the audit head to keep outside it
 * (GET), and a consistent copy to download (POST: it is audited, so it needs the CSRF token).
 */
import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { formatAnchor } from '../../modules/audit-verify.js';
import { backupForDownload, backupInfo } from '../../modules/backup.js';
import { ApiError, BackupInfo } from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';

const errors = { 401: ApiError, 403: ApiError, 409: ApiError };

export function backupRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/admin/backup',
      {
        schema: {
          tags: ['admin'],
          summary: 'Sao lưu: loại CSDL và đầu chuỗi nhật ký (quản trị toàn hệ thống)',
          response: { 200: BackupInfo, ...errors },
        },
      },
      async (request) => {
        const info = await backupInfo(deps, actorOf(request));
        return { ...info, head: { ...info.head, anchor: formatAnchor(info.head) } };
      },
    );

    app.post(
      '/admin/backup',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Tải bản sao lưu nhất quán (SQLite, hoặc pg_dump với PostgreSQL; không gồm phiên đăng nhập); được ghi nhật ký',
          response: { ...errors },
        },
      },
      async (request, reply) => {
        const backup = await backupForDownload(deps, actorOf(request));
        const stream = createReadStream(backup.path);
        stream.on('close', backup.dispose);
        return (reply as FastifyReply)
          .type(backup.engine === 'sqlite' ? 'application/vnd.sqlite3' : 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${backup.fileName}"`)
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
    done();
  };
}
