/**
 * Migrations, run by Kysely's migrator on SQLite and PostgreSQL alike, in name order. Never edit one
 * after it is merged: add a new one.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { DatabaseKind, DB } from '../schema.js';
import { coreTables } from './0001-core.js';
import { pendingImports } from './0002-pending-imports.js';
import { accountsAndAudit } from './0003-accounts-audit.js';
import { uniqueTaskPosition } from './0004-task-position.js';
import { auditHead } from './0005-audit-head.js';
import { loginPerAddress } from './0006-login-per-address.js';
import { findingAcknowledgements } from './0007-finding-acknowledgements.js';
import { archived } from './0010-archived.js';
import { planFigures } from './0013-plan-figures.js';
import { unitSortKey } from './0014-unit-sort-key.js';
import { frameworks } from './0015-frameworks.js';
import { planUnitFigures } from './0017-plan-unit-figures.js';
import { unitEvents } from './0016-unit-events.js';
import { assessment } from './0018-assessment.js';
import { notificationReads } from './0020-notifications.js';
import { surveyImports } from './0024-survey-imports.js';
import { results } from './0025-results.js';
import { evidenceRemovals } from './0026-evidence-removals.js';
import { resultPartScores } from './0027-result-part-scores.js';
import { lookupIndexes } from './0028-lookup-indexes.js';
import { rateLimits } from './0029-rate-limits.js';
import { resultRanks } from './0030-result-ranks.js';
import { plansListOrder } from './0032-plans-list-order.js';
import { plansSortKeyLocked } from './0033-plans-sort-key-locked.js';
import { plansSearch } from './0034-plans-search.js';
import { rankingRanksJson } from './0035-ranking-ranks-json.js';
import { userGrants } from './0036-user-grants.js';
import { resultPlaces } from './0037-result-places.js';
import { resultPlacesMoved } from './0038-result-places-moved.js';
import { partScoresJsonb } from './0039-part-scores-jsonb.js';
import { plansListFilters } from './0040-plans-list-filters.js';
import { unitAncestors } from './0041-unit-ancestors.js';
import { plansCriteria } from './0042-plans-criteria.js';

export function migrationsFor(kind: DatabaseKind): Record<string, Migration> {
  return {
    '0001_core': coreTables(kind),
    '0002_pending_imports': pendingImports(kind),
    '0003_accounts_audit': accountsAndAudit(kind),
    '0004_task_position': uniqueTaskPosition,
    '0005_audit_head': auditHead(kind),
    '0006_login_per_address': loginPerAddress,
    '0007_finding_acknowledgements': findingAcknowledgements(kind),
    '0010_archived': archived,
    '0013_plan_figures': planFigures,
    '0014_unit_sort_key': unitSortKey(kind),
    '0015_frameworks': frameworks(kind),
    '0017_plan_unit_figures': planUnitFigures(kind),
    '0016_unit_events': unitEvents(kind),
    '0018_assessment': assessment(kind),
    '0020_notifications': notificationReads,
    '0024_survey_imports': surveyImports,
    '0025_results': results(kind),
    '0026_evidence_removals': evidenceRemovals,
    '0027_result_part_scores': resultPartScores,
    '0028_lookup_indexes': lookupIndexes,
    '0029_rate_limits': rateLimits,
    '0030_result_ranks': resultRanks,
    '0032_plans_list_order': plansListOrder(kind),
    '0033_plans_sort_key_locked': plansSortKeyLocked(kind),
    '0034_plans_search': plansSearch(kind),
    '0035_ranking_ranks_json': rankingRanksJson,
    '0036_user_grants': userGrants(kind),
    '0037_result_places': resultPlaces,
    '0038_result_places_moved': resultPlacesMoved,
    '0039_part_scores_jsonb': partScoresJsonb(kind),
    '0040_plans_list_filters': plansListFilters(kind),
    '0041_unit_ancestors': unitAncestors(kind),
    '0042_plans_criteria': plansCriteria,
  };
}

/** Kysely's migrator over this build's migrations on that engine (start-up, readiness, the tests). */
export function migratorFor(db: Kysely<DB>, kind: DatabaseKind): Migrator {
  const migrations = migrationsFor(kind);
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}
