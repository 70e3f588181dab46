import { inCommunities } from './stats-queries';

describe('inCommunities', () => {
  it('lists the ids it is given', () => {
    expect(inCommunities('t.community_id', [3, 5])).toBe('t.community_id IN (3,5)');
  });

  it('selects the communities under a path in the statement itself', () => {
    expect(inCommunities('b.community_id', { under: '/1/' })).toBe(
      "b.community_id IN (SELECT cu.id FROM org_nodes cu WHERE cu.type = 'community' AND cu.path LIKE '/1/%')",
    );
  });

  it('refuses anything but a stored path, since it is inlined', () => {
    for (const under of ["/1/' OR '1'='1", '/1/%', '1/2/', '/1/2', '', '/a/']) {
      expect(() => inCommunities('c', { under })).toThrow('not an org path');
    }
  });
});
