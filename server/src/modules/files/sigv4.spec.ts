import { EMPTY_SHA256, sha256Hex, signatureParts, type SigV4Credentials, uriEncode } from './sigv4';

/** AWS's published examples ("Signature Calculations for the Authorization Header", Amazon S3 API reference). */
const AWS_EXAMPLE: SigV4Credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};
const DATE = new Date('2013-05-24T00:00:00Z');

describe('SigV4 signer against AWS’s S3 examples', () => {
  it('GET Object (a signed Range header)', () => {
    const parts = signatureParts(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
      },
      AWS_EXAMPLE,
      DATE,
    );
    expect(parts.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        'x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(parts.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(parts.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUT Object (a body hash, a key needing encoding)', () => {
    const body = 'Welcome to Amazon S3.';
    const parts = signatureParts(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha256Hex(body),
      },
      AWS_EXAMPLE,
      DATE,
    );
    expect(parts.canonicalRequest.split('\n')[1]).toBe('/test%24file.text');
    expect(parts.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET Bucket lifecycle and list objects (query strings)', () => {
    const sign = (url: string) =>
      signatureParts({ method: 'GET', url: new URL(url), headers: {}, payloadHash: EMPTY_SHA256 }, AWS_EXAMPLE, DATE);
    expect(sign('https://examplebucket.s3.amazonaws.com/?lifecycle').signature).toBe(
      'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
    expect(sign('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J').signature).toBe(
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
  });

  it('encodes as RFC 3986 wants, UTF-8 bytes in upper-case hex', () => {
    expect(uriEncode('a b/c~d*e', true)).toBe('a%20b/c~d%2Ae');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
    expect(uriEncode('图', false)).toBe('%E5%9B%BE');
  });
});
