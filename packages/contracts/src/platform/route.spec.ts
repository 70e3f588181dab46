import type { ClaimDto, ClaimListQuery, CreateNeedRequest, NeedDto, Page } from '../index';
import { ROUTES } from '../routes';
import { pathOf, type ParamsOf, type PathParamNames, type QueryOf, type RequestOf, type ResponseOf } from './route';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_proof?: T): void => undefined;

describe('route table helpers', () => {
  it('fill path parameters, URI-encoded', () => {
    expect(pathOf(ROUTES.claims.forTask, { id: 7 })).toBe('/api/tasks/7/claims');
    expect(pathOf(ROUTES.rosters.annualReportXlsx, { id: 3, userId: 42 })).toBe(
      '/api/units/3/members/42/annual-report.xlsx',
    );
    expect(pathOf(ROUTES.registrations.verifyCard, { cardNo: 'A B/1' })).toBe('/api/cards/A%20B%2F1');
    expect(pathOf(ROUTES.needs.create)).toBe('/api/needs');
  });

  it('refuses a missing parameter', () => {
    expect(() => pathOf(ROUTES.tasks.get, {} as ParamsOf<typeof ROUTES.tasks.get>)).toThrow('missing :id');
  });

  it('carry the body, query and response types', () => {
    expectType<Equal<RequestOf<typeof ROUTES.needs.create>, CreateNeedRequest>>();
    expectType<Equal<ResponseOf<typeof ROUTES.needs.create>, NeedDto>>();
    expectType<Equal<QueryOf<typeof ROUTES.needs.create>, never>>();
    expectType<Equal<QueryOf<typeof ROUTES.claims.mine>, ClaimListQuery>>();
    expectType<Equal<ResponseOf<typeof ROUTES.claims.mine>, Page<ClaimDto>>>();
    expectType<Equal<ResponseOf<typeof ROUTES.users.deleteMe>, void>>();
    expectType<Equal<PathParamNames<'/api/units/:id/members/:userId/annual-report.html'>, 'id' | 'userId'>>();
    expectType<Equal<PathParamNames<'/api/needs'>, never>>();
    // @ts-expect-error: a route with parameters needs them
    expect(() => pathOf(ROUTES.tasks.get)).toThrow();
  });

  it('list each (method, path) once', () => {
    const all = Object.values(ROUTES).flatMap((group) => Object.values(group).map((r) => `${r.method} ${r.path}`));
    expect(new Set(all).size).toBe(all.length);
  });
});
