import { toAdminEnterpriseItem } from './enterprise.mapper';

describe('enterprise mapper', () => {
  it('maps an enterprise with or without a butler', () => {
    const row = {
      id: 'e1',
      creditCode: '91430300MA4L16JQ9X',
      name: '湘潭智造',
      district: '高新区',
      park: null,
      butlerId: null,
      butlerName: null,
    };
    expect(toAdminEnterpriseItem(row).butler).toBeNull();
    expect(toAdminEnterpriseItem({ ...row, butlerId: 'b1', butlerName: '杨管家' }).butler).toEqual({
      id: 'b1',
      name: '杨管家',
    });
  });
});
