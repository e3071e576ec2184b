import { Injectable } from '@nestjs/common';

/** The moment a case change happens. One provider, so tests can stand a case on a chosen day. */
@Injectable()
export class CaseTime {
  now(): Date {
    return new Date();
  }
}
