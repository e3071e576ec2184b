import { decodeCursor, encodeCursor, likeEscape } from './cursor';

describe('keyset cursor', () => {
  it.each([
    { k: '2026-11-30T08:00:00.000Z', id: '7b0e3f5c-1f1e-4c55-9a43-0a1b2c3d4e5f' },
    { k: '湘潭智造电机有限公司', id: 'a' },
    { k: '😀 emoji', id: 42 },
    { k: 0, id: 1 },
    { k: '', id: '' },
  ])('round-trips %p as base64url', (cursor) => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('matches what Node writes as base64url (the same bytes on both sides)', () => {
    const text = encodeCursor({ k: '企业 abc', id: 'x' });
    expect(Buffer.from(text, 'base64url').toString('utf8')).toBe('["企业 abc","x"]');
  });

  it.each([
    '',
    '!!!',
    'abc',
    Buffer.from('{"k":1}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('[{},1]').toString('base64url'),
    Buffer.from([0xff, 0xfe]).toString('base64url'),
  ])('refuses %p', (text) => expect(decodeCursor(text)).toBeNull());

  it('escapes LIKE metacharacters', () => {
    expect(likeEscape('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(likeEscape('营商')).toBe('营商');
  });
});
