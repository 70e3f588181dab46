import type { ArgumentsHost } from '@nestjs/common';
import { ErrorCode, TaskAction, TaskStatus } from '@sbd/contracts';
import { taskMachine } from '@sbd/domain';
import { AllExceptionsFilter } from './all-exceptions.filter';

function respond(exception: unknown): { status: number; body: unknown } {
  const out = { status: 0, body: undefined as unknown };
  const res = {
    headersSent: false,
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'POST', url: '/x' }) }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return out;
}

describe('AllExceptionsFilter', () => {
  it('answers a transition the state machine refuses with 409 and its Chinese message', () => {
    let thrown: unknown;
    try {
      taskMachine.next(TaskStatus.Closed, TaskAction.Cancel);
    } catch (err) {
      thrown = err;
    }
    expect(respond(thrown)).toEqual({
      status: 409,
      body: { code: ErrorCode.IllegalTransition, message: '任务已结项，不能取消', details: [] },
    });
  });
});
