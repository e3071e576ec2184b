import { Injectable } from '@nestjs/common';

/**
 * The moment 营商动态 compares publish times with (a scheduled article becomes public when it comes). One
 * provider, so tests can stand exactly one second before or after a publish time.
 */
@Injectable()
export class NewsTime {
  now(): Date {
    return new Date();
  }
}
