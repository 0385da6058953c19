/**
 * The API's words. Each `as const` list is the one list of allowed values: the back end's DTOs
 * (`@IsIn(PHASES)`), its database and its rules read it, and so do the web app's forms.
 */

// People and initiatives

export const ROLES = ['admin', 'coach', 'librarian', 'subscriber'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBER_ROLES = ['librarian', 'coach'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const COMMUNITY_TYPES = ['urban', 'suburban', 'rural', 'tribal'] as const;
export type CommunityType = (typeof COMMUNITY_TYPES)[number];

export const INITIATIVE_STATUSES = ['active', 'paused', 'completed'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** What of an initiative reaches the coalition digest: all of it, only its closed (approved) cycles, or nothing. */
export const DIGEST_SHARING = ['everything', 'closed_cycles', 'nothing'] as const;
export type DigestSharing = (typeof DIGEST_SHARING)[number];

// Cycles

export const PHASES = ['hypothesis', 'adaptation', 'evidence', 'reflection', 'review', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

/** The four phases in which the librarian records the work; review can send a cycle back to any of them. */
export const WORKING_PHASES = ['hypothesis', 'adaptation', 'evidence', 'reflection'] as const;
export type WorkingPhase = (typeof WORKING_PHASES)[number];

export const OUTCOMES = ['supported', 'partly_supported', 'not_supported', 'inconclusive'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DECISIONS = ['adapt', 'continue', 'scale', 'stop'] as const;
export type Decision = (typeof DECISIONS)[number];

export const INDICATOR_KINDS = ['count', 'scale_1_5', 'percent', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const EVIDENCE_KINDS = ['measurement', 'observation', 'quote', 'story'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_METHODS = ['survey', 'observation', 'interview', 'sign_in', 'other'] as const;
export type EvidenceMethod = (typeof EVIDENCE_METHODS)[number];

export const REVIEW_VERDICTS = ['approve', 'request_changes', 'comment'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/**
 * The adaptation log records each change to the programme in the shape implementation researchers
 * use (FRAME, Wiltsey Stirman et al. 2019): planned ahead or a reaction, whether it keeps the
 * programme's core ("fidelity-consistent"), and whether it is meant to last.
 */
export const ADAPTATION_PLANNING = ['planned', 'reactive'] as const;
export type AdaptationPlanning = (typeof ADAPTATION_PLANNING)[number];

export const FIDELITY_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type FidelityAnswer = (typeof FIDELITY_ANSWERS)[number];

export const PERMANENCE = ['temporary', 'permanent'] as const;
export type Permanence = (typeof PERMANENCE)[number];

/** What would make a cycle weak (see the back end's quality nudges). */
export const NUDGE_CODES = [
  'no_prediction',
  'single_data_point',
  'one_kind_of_evidence',
  'reflection_ignores_prediction',
  'decision_without_next_steps',
] as const;
export type NudgeCode = (typeof NUDGE_CODES)[number];

// Mail and digests

/** queued: waits for a worker; failed: the last attempt failed and another follows; dead: no more attempts until an admin retries. */
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const DIGEST_FREQUENCIES = ['weekly', 'monthly', 'none'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

// Trust survey

/** Where a CSV came from, read from its header row; it names the evidence's source. */
export const FORMS_SOURCES = ['google_forms', 'microsoft_forms', 'csv'] as const;
export type FormsSource = (typeof FORMS_SOURCES)[number];

/** A column that looks like one of these is flagged in an import's preview and can never be imported. */
export const PERSONAL_DATA_KINDS = ['name', 'email', 'phone'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** The longest survey CSV an import takes: about 2,000 responses to ten questions, far more than a library programme's survey, and under the API's body limit. */
export const MAX_CSV_CHARACTERS = 200_000;
/** A file sent as base64 (csvFile, xlsx): about 180 kB, inside the request body limit. */
export const MAX_FILE_BASE64_CHARACTERS = 240_000;
