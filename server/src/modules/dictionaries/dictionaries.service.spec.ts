import type { DictionaryKind } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import type { AuditService } from '../audit/audit.service';
import type { Changes } from '../audit/changes';
import type { DictionariesRepository } from './dictionaries.repository';
import { DictionariesService } from './dictionaries.service';
import type { DictionaryEntryEntity } from './dictionary-entry.entity';

const ACTOR = { id: 'admin', role: 'admin' } as Actor;
const META = { ip: null, requestId: 'r1' };

function entry(id: number, value: string, sort: number): DictionaryEntryEntity {
  return { id, kind: 'industries', value, sort, active: true, createdAt: new Date(), updatedAt: new Date() };
}

/**
 * The per-process cache of the public list against a write whose transaction commits after the service returns
 * (a request with an Idempotency-Key commits when the answer is stored): the process must not keep what it read
 * before that commit.
 */
describe('DictionariesService cache', () => {
  let committed: DictionaryEntryEntity[];
  let pending: DictionaryEntryEntity[];
  let reads: number;
  let service: DictionariesService;

  beforeEach(() => {
    committed = [entry(1, '建筑业', 0)];
    pending = [];
    reads = 0;
    const repo = {
      listOfKind: (_kind: DictionaryKind, _all: boolean) => {
        reads++;
        return Promise.resolve([...committed]);
      },
      countOfKind: () => Promise.resolve(committed.length),
      nextSort: () => Promise.resolve(10),
      insertIfFree: (v: { kind: DictionaryKind; value: string; sort: number }) => {
        const e = entry(2, v.value, v.sort);
        pending.push(e);
        return Promise.resolve(e);
      },
    } as unknown as DictionariesRepository;
    const changes = {
      run: <T>(_author: unknown, work: (change: unknown) => Promise<T>) =>
        work({ manager: {}, audit: () => Promise.resolve() }),
    } as unknown as Changes;
    service = new DictionariesService(repo, changes, {} as AuditService);
  });

  const commit = () => {
    committed.push(...pending);
    pending = [];
  };
  const values = async () => (await service.list('industries')).map((e) => e.value);

  it('answers repeated reads from memory', async () => {
    await values();
    await values();
    expect(reads).toBe(1);
  });

  it('a write is visible to the same process at once, also when its transaction commits after the service returned', async () => {
    expect(await values()).toEqual(['建筑业']);
    await service.create(ACTOR, 'industries', { value: '金融业' }, META);
    // Read between the service's return and the commit: the old list, which must not be kept.
    expect(await values()).toEqual(['建筑业']);
    commit();
    expect(await values()).toEqual(['建筑业', '金融业']);
  });
});
