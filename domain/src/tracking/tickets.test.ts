import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../approvals/working-days';
import { OFFICIAL } from '../testing/official-calendar';
import {
  afterCallback,
  afterRating,
  mayTakeTicketStep,
  satisfactionTenths,
  TICKET_STEP_NAMES,
  ticketDeadlines,
} from './tickets';

const cal = compileCalendar(OFFICIAL);
const enterprise = { isEnterprise: true, isHelper: false, isManager: false };
const helper = { isEnterprise: false, isHelper: true, isManager: false };
const manager = { isEnterprise: false, isHelper: false, isManager: true };

describe('service tickets', () => {
  it('lets the manager accept, the 帮办员 work and suspend, and the enterprise rate and withdraw', () => {
    expect(mayTakeTicketStep(manager, 'accept', 'pending')).toBe(true);
    expect(mayTakeTicketStep(helper, 'accept', 'pending')).toBe(false);
    expect(mayTakeTicketStep(helper, 'suspend', 'in_progress')).toBe(true);
    expect(mayTakeTicketStep(helper, 'resume', 'suspended')).toBe(true);
    expect(mayTakeTicketStep(helper, 'finish', 'suspended')).toBe(false);
    expect(mayTakeTicketStep(enterprise, 'rate', 'done')).toBe(true);
    expect(mayTakeTicketStep(helper, 'rate', 'done')).toBe(false);
    expect(mayTakeTicketStep(enterprise, 'withdraw', 'suspended')).toBe(true);
    expect(mayTakeTicketStep(enterprise, 'withdraw', 'done')).toBe(false);
    for (const step of TICKET_STEP_NAMES) {
      for (const actor of [enterprise, helper, manager]) {
        expect(mayTakeTicketStep(actor, step, 'closed')).toBe(false);
        expect(mayTakeTicketStep(actor, step, 'withdrawn')).toBe(false);
      }
    }
  });

  it('sends a poor rating through callback, rectification and one re-rating; a good one to the routine callback', () => {
    expect(afterRating(5)).toBe('rated');
    expect(afterRating(3)).toBe('rated');
    expect(afterRating(2)).toBe('callback_pending');
    expect(afterRating(1)).toBe('callback_pending');
    expect(afterCallback('rated')).toBe('closed');
    expect(afterCallback('callback_pending')).toBe('rectifying');
    expect(mayTakeTicketStep(helper, 'rectified', 'rectifying')).toBe(true);
    expect(mayTakeTicketStep(enterprise, 'rerate', 'rerate_pending')).toBe(true);
  });

  it('dates the SLAs: contact in 1 working day, notice in 2, callback in 1 day, rectification in 15 days', () => {
    // Requested on Wednesday 30 April 2025: the May Day holiday runs 1–5 May.
    expect(
      ticketDeadlines(cal, {
        requestedOn: '2025-04-30',
        acceptedOn: '2025-05-06',
        poorRatedOn: '2025-06-10',
        calledBackOn: '2025-06-11',
      }),
    ).toEqual({
      acceptBy: '2025-05-06',
      noticeBy: '2025-05-08',
      callbackBy: '2025-06-11',
      rectifyBy: '2025-06-26',
    });
  });

  it('gives 满意率 as (非常满意 + 满意 + 基本满意) ÷ ratings', () => {
    expect(satisfactionTenths([5, 4, 3, 2, 1, 5])).toBe(667);
    expect(satisfactionTenths([])).toBeNull();
  });
});
