import 'reflect-metadata';
import { encodeCursor } from '@qsgj/shared/rules';
import { AppException } from '../errors/app-exception';
import { readCursor, toPage } from './keyset';

const uuid = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('keyset paging', () => {
  it('reads no cursor as the first page', () => {
    expect(readCursor(undefined, { idType: 'uuid' })).toBeUndefined();
  });

  it('reads a cursor whose id has the list’s id type', () => {
    expect(readCursor(encodeCursor({ k: '张三', id: uuid }), { idType: 'uuid' })).toEqual({ k: '张三', id: uuid });
    expect(readCursor(encodeCursor({ k: 7, id: 7 }), { idType: 'int' })).toEqual({ k: 7, id: 7 });
  });

  it.each([
    ['not base64url JSON', 'bogus', 'uuid'],
    ['a number where a uuid is expected', encodeCursor({ k: 1, id: 1 }), 'uuid'],
    ['SQL in the id', encodeCursor({ k: 'a', id: "1'; DROP TABLE users; --" }), 'uuid'],
    ['a uuid where an integer is expected', encodeCursor({ k: 1, id: uuid }), 'int'],
    ['a fraction', encodeCursor({ k: 1, id: 1.5 }), 'int'],
    ['zero', encodeCursor({ k: 0, id: 0 }), 'int'],
  ] as const)('refuses %s with 400 游标格式错误', (_, text, idType) => {
    let error: unknown;
    try {
      readCursor(text, { idType });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppException);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: '游标格式错误' });
    expect((error as AppException).details).toEqual([{ field: 'cursor', message: '游标格式错误' }]);
  });

  it('cuts the extra row and points the cursor at the last row shown', () => {
    const rows = [1, 2, 3].map((id) => ({ id, name: `n${id}` }));
    const page = toPage(
      rows,
      2,
      (r) => r.name,
      (r) => ({ k: r.name, id: r.id }),
    );
    expect(page.items).toEqual(['n1', 'n2']);
    expect(page.nextCursor).toBe(encodeCursor({ k: 'n2', id: 2 }));
  });

  it('has no next cursor when the extra row is missing (exactly limit rows)', () => {
    const rows = [1, 2].map((id) => ({ id }));
    expect(
      toPage(
        rows,
        2,
        (r) => r.id,
        (r) => ({ k: r.id, id: r.id }),
      ),
    ).toEqual({ items: [1, 2], nextCursor: null });
    expect(
      toPage(
        [],
        2,
        (r: { id: number }) => r.id,
        (r) => ({ k: r.id, id: r.id }),
      ),
    ).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
