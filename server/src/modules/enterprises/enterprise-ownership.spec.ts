import { ClaimReason, claimOwnership, normalizePhone, samePhone } from './enterprise-ownership';

const unknown = { onRecord: false, butlerId: null, contactPhone: null };
const onRecord = { onRecord: true, butlerId: null, contactPhone: '13912345678' };
const served = { onRecord: false, butlerId: 'b1', contactPhone: null };

describe('claimOwnership (ADR 007)', () => {
  it('gives a code nobody holds to its first binder, phone or not', () => {
    expect(claimOwnership(unknown, false, null)).toEqual({ owner: true, reason: ClaimReason.FIRST_BINDER });
  });

  it('makes anyone wait when someone is bound, even with the phone on record', () => {
    expect(claimOwnership(unknown, true, null)).toEqual({ owner: false, reason: ClaimReason.HAS_MEMBERS });
    expect(claimOwnership(onRecord, true, '13912345678')).toEqual({ owner: false, reason: ClaimReason.HAS_MEMBERS });
  });

  it('gives an enterprise on record only to the verified phone on record', () => {
    expect(claimOwnership(onRecord, false, '13912345678')).toEqual({
      owner: true,
      reason: ClaimReason.PHONE_MATCHES_RECORD,
    });
    expect(claimOwnership(onRecord, false, '+86 139-1234-5678').owner).toBe(true);
    for (const phone of [null, '13912345679', '3912345678', ''])
      expect(claimOwnership(onRecord, false, phone)).toEqual({ owner: false, reason: ClaimReason.AWAITS_BUTLER });
  });

  it('treats an enterprise a butler serves as on record; without a contact phone nobody proves it', () => {
    expect(claimOwnership(served, false, '13912345678')).toEqual({ owner: false, reason: ClaimReason.AWAITS_BUTLER });
    expect(claimOwnership({ ...onRecord, contactPhone: null }, false, '13912345678').owner).toBe(false);
  });
});

describe('phones', () => {
  it('compares numbers, not their spelling', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('8613812345678')).toBe('13812345678');
    expect(samePhone('13812345678', '+8613812345678')).toBe(true);
    expect(samePhone('13812345678', '13812345679')).toBe(false);
    expect(samePhone(null, null)).toBe(false);
    expect(samePhone('', '')).toBe(false);
    expect(samePhone('--', '  ')).toBe(false);
  });
});
