import { communityCodeFromParams, communityCodeFromScan, h5RegisterPath, normalizeCode } from './community';

describe('community code sources', () => {
  it('reads the weapp scene (URI-encoded) and the H5 query', () => {
    expect(communityCodeFromParams({ scene: encodeURIComponent('XF0101') })).toBe('XF0101');
    expect(communityCodeFromParams({ scene: encodeURIComponent('c=XF0101') })).toBe('XF0101');
    expect(communityCodeFromParams({ community: 'XF0101' })).toBe('XF0101');
    expect(communityCodeFromParams({})).toBeNull();
  });

  it('rejects junk', () => {
    expect(normalizeCode('<script>')).toBeNull();
    expect(normalizeCode('')).toBeNull();
  });

  it('reads scans of a mini-program code, an H5 URL or a bare code', () => {
    expect(communityCodeFromScan({ path: 'packageMember/pages/register/index?scene=XF0101' })).toBe('XF0101');
    expect(
      communityCodeFromScan({ result: 'https://sbd.example.cn/packageMember/pages/register/index?community=XF0101' }),
    ).toBe('XF0101');
    expect(communityCodeFromScan({ result: 'XF0101' })).toBe('XF0101');
  });

  it('builds the H5 register path', () => {
    expect(h5RegisterPath('XF0101')).toBe('/packageMember/pages/register/index?community=XF0101');
  });
});
