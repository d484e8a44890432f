/** Signing in, the password, and who the signed-in user is. */
import { z } from 'zod';

export const Login = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const PasswordChange = z.object({
  current: z.string().min(1).max(200),
  next: z.string().min(1).max(200),
});

export const GrantView = z.object({
  id: z.number().int(),
  role: z.string(),
  unitId: z.number().int().nullable().describe('null: the whole installation'),
  unitName: z.string().nullable(),
});

export const Me = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(GrantView),
  csrfToken: z.string(),
  can: z.object({
    import: z.boolean(),
    adminUsers: z.boolean(),
    adminUnits: z.boolean(),
    readAudit: z.boolean(),
    backup: z.boolean().describe('an administrator of the whole installation: the backup page'),
    manageFrameworks: z.boolean().describe('import, edit, publish and version criteria frameworks'),
    manageRounds: z.boolean().describe('create assessment rounds and decide their extensions (round.manage)'),
    manageResults: z
      .boolean()
      .describe('ranking pools, bands, results imported or published (results.manage, installation-wide)'),
  }),
});
export type Me = z.infer<typeof Me>;
