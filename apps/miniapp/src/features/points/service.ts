import type { Page, PointsBalanceDto, PointsLedgerEntryDto, ServiceHoursDto } from '@sbd/contracts';
import { api } from '@/platform/request';

export function myPoints(): Promise<PointsBalanceDto> {
  return api.get<PointsBalanceDto>('/api/me/points');
}

export function myLedger(cursor?: string | null, limit = 20): Promise<Page<PointsLedgerEntryDto>> {
  return api.get<Page<PointsLedgerEntryDto>>('/api/me/points/ledger', { query: { cursor: cursor ?? undefined, limit } });
}

export function myHours(): Promise<ServiceHoursDto> {
  return api.get<ServiceHoursDto>('/api/me/hours');
}
