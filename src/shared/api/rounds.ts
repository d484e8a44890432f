/**
 * Assessment rounds (issue 11, decision 0014): the list, one round with its calendar, its units'
 * states and what is late, the requests for more time; creating a round, changing its name or
 * calendar, a unit's request and the office's decision. Days are Vietnam days (yyyy-mm-dd); a
 * calendar's days are checked by the server (core/assessment.ts#calendarProblems) so that each
 * problem is worded with its phase rather than refused as a bare schema error.
 */
import { z } from 'zod';
import { Id, IdParam, IdParams, Version } from './common.js';
import { PHASES, UNIT_ROUND_STATES } from '../../core/assessment.js';

export const PhaseName = z.enum(PHASES);
export const UnitRoundState = z.enum(UNIT_ROUND_STATES);
/** the phase open today, or before the first / in a gap between two */
export const RoundPhaseNow = z.union([PhaseName, z.enum(['before', 'between'])]);
export type RoundPhaseNow = z.infer<typeof RoundPhaseNow>;

const DayText = z.string().trim().max(20).describe('yyyy-mm-dd, a Vietnam day');
const IsoDay = z.iso.date().describe('yyyy-mm-dd, a Vietnam day');

export const PhaseDatesInput = z.object({ phase: PhaseName, opensOn: DayText, closesOn: DayText });
export const CalendarInput = z.array(PhaseDatesInput).min(1).max(PHASES.length);
export const PhaseDates = z.object({ phase: PhaseName, opensOn: IsoDay, closesOn: IsoDay });
export type PhaseDates = z.infer<typeof PhaseDates>;

const Name = z.string().trim().min(1).max(300);
const Year = z.number().int().min(2000).max(2100);
const Reason = z.string().trim().min(1).max(2000);

export const RoundIdParams = IdParams;
export const RoundUnitParams = RoundIdParams.extend({ unitId: IdParam });
export const ExtensionParams = RoundIdParams.extend({ extensionId: IdParam });

export const RoundSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  frameworkId: z.number().int(),
  frameworkName: z.string(),
  phase: RoundPhaseNow,
  calendar: z.array(PhaseDates),
  units: z.number().int(),
  submitted: z.number().int().describe('units past self-assessment (submitted, returned, appraised, final)'),
  published: z.boolean(),
  myUnits: z
    .array(z.object({ unitId: z.number().int(), unitName: z.string() }))
    .describe('the units whose self-assessment the reader makes'),
});
export type RoundSummary = z.infer<typeof RoundSummary>;

export const RoundList = z.object({ rounds: z.array(RoundSummary) });
export type RoundList = z.infer<typeof RoundList>;

export const RoundCreate = z
  .object({
    name: Name,
    year: Year,
    frameworkId: Id,
    unitIds: z.array(Id).max(5000).optional(),
    unitGroup: z
      .object({
        parentId: Id,
        kinds: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
      })
      .optional()
      .describe('the units of these kinds anywhere under the parent'),
    calendar: CalendarInput,
  })
  .refine((r) => r.unitIds !== undefined || r.unitGroup !== undefined, {
    message: 'unitIds or unitGroup',
    path: ['unitIds'],
  });
export type RoundCreate = z.infer<typeof RoundCreate>;

export const RoundPatch = z.object({
  version: Version,
  name: Name.optional(),
  calendar: CalendarInput.optional(),
});
export type RoundPatch = z.infer<typeof RoundPatch>;

export const LateReason = z.enum(['not-submitted', 'not-explained']);
export type LateReason = z.infer<typeof LateReason>;

export const RoundUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  state: UnitRoundState,
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  lateReason: LateReason.optional(),
  extension: z
    .object({ phase: PhaseName, until: IsoDay })
    .optional()
    .describe("the unit's latest granted extension"),
});
export type RoundUnit = z.infer<typeof RoundUnit>;

export const ExtensionState = z.enum(['requested', 'granted', 'refused']);

export const Extension = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  phase: PhaseName,
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  state: ExtensionState,
  until: IsoDay.nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
});
export type Extension = z.infer<typeof Extension>;

export const RoundView = z.object({
  id: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  framework: z.object({ id: z.number().int(), name: z.string() }),
  calendar: z.array(PhaseDates),
  phase: RoundPhaseNow,
  today: IsoDay,
  published: z.boolean(),
  version: z.number().int(),
  canManage: z.boolean().describe('the reader may change the round and decide extensions'),
  units: z.array(RoundUnit).describe('the units the reader may see'),
  extensions: z.array(Extension),
});
export type RoundView = z.infer<typeof RoundView>;

export const ExtensionRequest = z.object({ phase: PhaseName, reason: Reason });
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

export const ExtensionDecision = z
  .object({
    decision: z.enum(['grant', 'refuse']),
    until: IsoDay.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.decision === 'refuse' || d.until !== undefined, {
    message: 'a grant needs the last day granted',
    path: ['until'],
  });
export type ExtensionDecision = z.infer<typeof ExtensionDecision>;
