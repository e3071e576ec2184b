import { AppException } from './errors/app-exception';
import { ParseUuidPipe, UUID_PARAM_MESSAGE } from './uuid.pipe';

describe('ParseUuidPipe', () => {
  const pipe = new ParseUuidPipe('id');

  it('passes a UUID through, lower-cased', () => {
    expect(pipe.transform('0B3C3A5E-8F0D-4C1B-9C37-2A4E6F8B1D2C')).toBe('0b3c3a5e-8f0d-4c1b-9c37-2a4e6f8b1d2c');
  });

  it.each(['1', 'abc', '0b3c3a5e-8f0d-4c1b-9c37-2a4e6f8b1d2', '0b3c3a5e8f0d4c1b9c372a4e6f8b1d2c', "' OR 1=1 --", ''])(
    'refuses %p with a Chinese VALIDATION_FAILED',
    (value) => {
      let thrown: unknown;
      try {
        pipe.transform(value);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(AppException);
      const error = thrown as AppException;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toBe(UUID_PARAM_MESSAGE);
      expect(error.details).toEqual([{ field: 'id', message: UUID_PARAM_MESSAGE }]);
    },
  );

  it('refuses a value that is not a string', () => {
    expect(() => pipe.transform(42)).toThrow(AppException);
  });
});
