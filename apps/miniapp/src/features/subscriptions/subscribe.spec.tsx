import { SubscribeChoice, SubscribeMoment } from '@sbd/contracts';
import Taro from '@test/doubles/taro';
import { toSubscribeChoices } from './choices';
import { askToSubscribe, prepareSubscribe, resetSubscribeTemplates } from './subscribe';

describe('toSubscribeChoices', () => {
  it('keeps the answers for the templates asked for, in their order, and drops anything else', () => {
    expect(
      toSubscribeChoices({ errMsg: 'requestSubscribeMessage:ok', b: 'ban', a: 'filter', c: 'accept', d: 'maybe' }, [
        'a',
        'b',
        'd',
        'x',
      ]),
    ).toEqual([
      { templateId: 'a', choice: SubscribeChoice.Filter },
      { templateId: 'b', choice: SubscribeChoice.Ban },
    ]);
  });
});

describe('askToSubscribe', () => {
  beforeEach(() => resetSubscribeTemplates());
  afterAll(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('asks nothing on H5, nor in WeChat before the moment’s templates arrived', async () => {
    process.env.TARO_ENV = 'h5';
    await prepareSubscribe(SubscribeMoment.AfterClaim);
    expect(await askToSubscribe(SubscribeMoment.AfterClaim)).toBeNull();
    process.env.TARO_ENV = 'weapp';
    expect(await askToSubscribe(SubscribeMoment.AfterClaim)).toBeNull();
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });
});
