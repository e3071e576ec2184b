import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidCreditCode } from '../rules/credit-code';

/** Property must be a 统一社会信用代码 with a correct check character. */
export function IsCreditCode(options?: ValidationOptions) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName,
      options: { message: '统一社会信用代码格式或校验位不正确', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidCreditCode(value),
      },
    });
  };
}
