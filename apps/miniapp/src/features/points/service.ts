import {
  ROUTES,
  type Page,
  type PointsBalanceDto,
  type PointsLedgerEntryDto,
  type ServiceHoursDto,
} from '@sbd/contracts';
import { call } from '@/platform/request';

export function myPoints(): Promise<PointsBalanceDto> {
  return call(ROUTES.points.myBalance);
}

export function myLedger(cursor?: string | null, limit = 20): Promise<Page<PointsLedgerEntryDto>> {
  return call(ROUTES.points.myLedger, { query: { cursor: cursor ?? undefined, limit } });
}

export function myHours(): Promise<ServiceHoursDto> {
  return call(ROUTES.points.myHours);
}
