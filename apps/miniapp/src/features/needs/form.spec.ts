import { NeedCategory } from '@sbd/contracts';
import { duplicateQueryReady, emptyNeedForm, expectedAt, toCreateNeedRequest, validateNeed } from './form';

describe('need form (点单) validation', () => {
  it('asks for a category, a title and a description', () => {
    const errors = validateNeed(emptyNeedForm());
    expect(errors.category).toBe('请选择需求类别');
    expect(errors.title).toMatch(/^请用一句话写明需求/);
    expect(errors.description).toBe('请描述具体情况');
    expect(errors.photos).toBeUndefined();
  });

  it('limits lengths by characters (not bytes) and photos to three', () => {
    const ok = emptyNeedForm({ category: NeedCategory.Repair, title: '灯'.repeat(50), description: '坏'.repeat(500) });
    expect(Object.values(validateNeed(ok)).filter(Boolean)).toEqual([]);
    const long = { ...ok, title: '灯'.repeat(51), description: '坏'.repeat(501), photos: ['/a', '/b', '/c', '/d'] };
    expect(validateNeed(long)).toMatchObject({
      title: '标题不能超过50个字',
      description: '描述不能超过500个字',
      photos: '最多上传3张照片',
    });
  });

  it('checks the resident named when staff post for them (代点单)', () => {
    const f = emptyNeedForm({ category: NeedCategory.Elderly, title: '买菜', description: '腿脚不便', proxy: true });
    expect(validateNeed(f).proxyName).toBe('请填写居民姓名');
    expect(validateNeed({ ...f, proxyName: '王秀英', proxyPhone: '123' }).proxyPhone).toBe('请输入正确的11位手机号');
    expect(validateNeed({ ...f, proxyName: '王秀英', proxyPhone: '13912345678' }).proxyPhone).toBeUndefined();
  });

  it('builds the request: trimmed text, optional fields only when given', () => {
    const now = new Date(2026, 10, 20, 10, 0); // a Friday morning
    const f = emptyNeedForm({
      category: NeedCategory.Repair,
      title: ' 楼道灯坏了 ',
      description: ' 晚上看不见 ',
      place: '  ',
      photos: ['/api/uploads/x'],
    });
    expect(toCreateNeedRequest(f, 7, now)).toEqual({
      communityId: 7,
      category: NeedCategory.Repair,
      title: '楼道灯坏了',
      description: '晚上看不见',
      photos: ['/api/uploads/x'],
    });
    const proxy = toCreateNeedRequest({ ...f, proxy: true, proxyName: ' 王秀英 ', expected: 'tomorrow' }, 7, now);
    expect(proxy.onBehalfOf).toEqual({ name: '王秀英' });
    expect(new Date(proxy.expectedAt as string)).toEqual(new Date(2026, 10, 21, 9, 0));
  });

  it('turns the time choices into moments', () => {
    const fri = new Date(2026, 10, 20, 10, 0);
    expect(expectedAt({ expected: 'asap', expectedDate: '' }, fri)).toBeNull();
    expect(expectedAt({ expected: 'today', expectedDate: '' }, fri)).toEqual(new Date(2026, 10, 20, 20, 0));
    expect(expectedAt({ expected: 'today', expectedDate: '' }, new Date(2026, 10, 20, 21, 0))).toEqual(
      new Date(2026, 10, 20, 22, 0),
    );
    expect(expectedAt({ expected: 'weekend', expectedDate: '' }, fri)).toEqual(new Date(2026, 10, 21, 9, 0));
    expect(expectedAt({ expected: 'date', expectedDate: '2026-12-01' }, fri)).toEqual(new Date(2026, 11, 1, 9, 0));
  });

  it('asks for duplicates once there is a category and four characters of title', () => {
    expect(duplicateQueryReady({ category: null, title: '楼道灯坏了' })).toBe(false);
    expect(duplicateQueryReady({ category: NeedCategory.Repair, title: '楼道灯' })).toBe(false);
    expect(duplicateQueryReady({ category: NeedCategory.Repair, title: '楼道灯坏' })).toBe(true);
  });
});
