import type { EvidenceBasePage, ProgrammeSort, ProgrammeView, StrategyTagView } from '@r2c/contracts';
import { get, patch, post, put, query } from './client';

export type { EvidenceBaseItem, EvidenceBasePage, ProgrammeRow, ProgrammeSort, ProgrammeView, StrategyTagView } from '@r2c/contracts';
export { PROGRAMME_SORTS } from '@r2c/contracts';

export interface EvidenceSearch {
  q?: string;
  decision?: string;
  outcome?: string;
  indicatorKey?: string;
  tag?: string;
  limit?: number;
  offset?: number;
}

export const learning = {
  programme: (sort: ProgrammeSort, direction: 'asc' | 'desc') => get<ProgrammeView>(`/api/v1/programme${query({ sort, direction })}`),
  evidenceBase: (search: EvidenceSearch) => get<EvidenceBasePage>(`/api/v1/evidence-base${query({ ...search })}`),
  strategyTags: (includeRetired = false) => get<StrategyTagView[]>(`/api/v1/strategy-tags${includeRetired ? '?includeRetired=true' : ''}`),
  addStrategyTag: (name: string) => post<StrategyTagView>('/api/v1/strategy-tags', { name }),
  changeStrategyTag: (id: string, change: { name?: string; retired?: boolean }) => patch<StrategyTagView>(`/api/v1/strategy-tags/${id}`, change),
  cycleTags: (cycleId: string) => get<StrategyTagView[]>(`/api/v1/cycles/${cycleId}/tags`),
  tagCycle: (cycleId: string, tagIds: string[]) => put<StrategyTagView[]>(`/api/v1/cycles/${cycleId}/tags`, { tagIds }),
};
