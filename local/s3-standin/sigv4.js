'use strict';
// AWS Signature Version 4 as S3 checks it, for the stand-in. s3rver 3.7.1 parses a SigV4
// Authorization header or presigned query (known access key, clock skew, X-Amz-Expires) but never
// computes the signature, so any signature passes there; this module computes it.
//
// What is signed (AWS's "Signature Version 4 signing process"): a canonical form of the request
// (method, path, query, the headers it names, the payload's hash), hashed, in a string that names
// the algorithm, the time and the credential's scope; the key is the secret key HMACed with the
// scope's day, region, service and "aws4_request". A POST form signs its base64 policy with the
// same key instead (post-policy.js).
const crypto = require('crypto');
const S3Error = require('s3rver/lib/models/error');

const ALGORITHM = 'AWS4-HMAC-SHA256';

function hmac(key, text) {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest();
}

function signingKey(secretAccessKey, day, region, service) {
  return hmac(hmac(hmac(hmac('AWS4' + secretAccessKey, day), region), service), 'aws4_request');
}

// Hex signatures compared in constant time, so a caller cannot learn one byte by byte from timings.
function sameSignature(expected, provided) {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(String(provided || ''), 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

// SigV4 encodes everything but RFC 3986's unreserved characters; encodeURIComponent leaves five more.
function uriEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function decode(text, what) {
  try {
    return decodeURIComponent(text);
  } catch (malformed) {
    throw new S3Error('InvalidURI', `Couldn't parse the specified URI: bad escape in the ${what}.`);
  }
}

/**
 * The credential's scope, "<key>/<day>/<region>/s3/aws4_request", checked as S3 does: its own
 * service, its terminator, the request's day and (when the stand-in knows it) the bucket's region.
 * `malformed` makes the error the caller's mechanism answers with.
 */
function parseCredential(credential, amzDate, region, malformed) {
  const parts = String(credential || '').split('/');
  if (parts.length !== 5 || !parts[0]) {
    throw malformed(`the Credential "${credential}" is not <key>/<day>/<region>/s3/aws4_request`);
  }
  const [accessKeyId, day, scopeRegion, service, terminator] = parts;
  if (service !== 's3' || terminator !== 'aws4_request') {
    throw malformed(`the Credential's scope must end in /s3/aws4_request, not /${service}/${terminator}`);
  }
  if (!/^\d{8}T\d{6}Z$/.test(String(amzDate || '')) || amzDate.slice(0, 8) !== day) {
    throw malformed(`the Credential's day ${day} is not the request's date ${amzDate}`);
  }
  if (region && scopeRegion !== region) {
    throw malformed(`the region '${scopeRegion}' is wrong; expecting '${region}'`);
  }
  return { accessKeyId, day, region: scopeRegion, scope: parts.slice(1).join('/') };
}

// S3 itself answers an unknown access key with this, whichever way the request is signed.
function secretFor(accessKeyId, accounts) {
  const account = accounts.get(accessKeyId);
  if (!account) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.',
      { AWSAccessKeyId: accessKeyId });
  }
  return account.accessKeys.get(accessKeyId);
}

// The path as sent, each segment decoded then encoded once (S3 does not double-encode nor normalise).
function canonicalPath(rawPath) {
  return rawPath.split('/').map(segment => uriEncode(decode(segment, 'path'))).join('/');
}

// Every query parameter (the signature's own excepted), encoded, sorted by name then value.
function canonicalQuery(rawQuery, skip) {
  return rawQuery.split('&').filter(pair => pair).map(pair => {
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals), 'query');
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1), 'query');
    return [uriEncode(name), uriEncode(value)];
  }).filter(([name]) => name !== skip)
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => name + '=' + value).join('&');
}

/**
 * Checks a request's SigV4 signature, from its Authorization header or its presigned query; throws
 * SignatureDoesNotMatch (403) with the canonical request and string to sign, as S3 does, so that a
 * signer's bug shows what was expected.
 *
 * @param req       the request: method, url (raw path and query) and headers as received
 * @param accounts  s3rver's registry of access keys (access key id → account holding the secret)
 * @param region    the bucket's region, or undefined to take the credential's
 */
function verifyRequest(req, accounts, region) {
  const headers = req.headers;
  const [rawPath, rawQuery = ''] = req.url.split(/\?(.*)/s);
  const query = new URLSearchParams(rawQuery);
  let credential, signedHeaders, provided, amzDate, payloadHash, malformed;
  if (headers.authorization) {
    malformed = why => new S3Error('AuthorizationHeaderMalformed', 'The authorization header is malformed; ' + why);
    const [algorithm, ...rest] = headers.authorization.trim().split(/\s+/);
    if (algorithm !== ALGORITHM) {
      throw unsupportedMechanism();
    }
    const components = new Map(rest.join('').split(',').map(c => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]));
    credential = components.get('Credential');
    signedHeaders = components.get('SignedHeaders');
    provided = components.get('Signature');
    amzDate = headers['x-amz-date'];
    payloadHash = headers['x-amz-content-sha256'];
  } else {
    malformed = why => new S3Error('AuthorizationQueryParametersError', 'Error parsing the presigned query; ' + why);
    if (query.get('X-Amz-Algorithm') !== ALGORITHM) {
      throw unsupportedMechanism();
    }
    // s3rver checks the expiry but lets a non-numeric X-Amz-Expires through, which never expires.
    if (!/^\d+$/.test(query.get('X-Amz-Expires') || '')) {
      throw malformed('X-Amz-Expires must be a whole number of seconds');
    }
    credential = query.get('X-Amz-Credential');
    signedHeaders = query.get('X-Amz-SignedHeaders');
    provided = query.get('X-Amz-Signature');
    amzDate = query.get('X-Amz-Date');
    payloadHash = query.get('X-Amz-Content-Sha256') || 'UNSIGNED-PAYLOAD';
  }
  const scope = parseCredential(credential, amzDate, region, malformed);
  const names = String(signedHeaders || '').split(';');
  if (!names.includes('host')) {
    throw malformed('SignedHeaders must name the host header');
  }
  if (!payloadHash) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  const canonicalHeaders = names
    .map(name => `${name}:${String(headers[name] === undefined ? '' : headers[name]).trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [req.method, canonicalPath(rawPath),
    canonicalQuery(rawQuery, headers.authorization ? undefined : 'X-Amz-Signature'),
    canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const stringToSign = [ALGORITHM, amzDate, scope.scope,
    crypto.createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  const secret = secretFor(scope.accessKeyId, accounts);
  const expected = hmac(signingKey(secret, scope.day, scope.region, 's3'), stringToSign).toString('hex');
  if (!sameSignature(expected, provided)) {
    throw signatureDoesNotMatch(scope.accessKeyId, { StringToSign: stringToSign, CanonicalRequest: canonicalRequest });
  }
}

function signatureDoesNotMatch(accessKeyId, detail) {
  return new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature '
    + 'you provided. Check your key and signing method.', { AWSAccessKeyId: accessKeyId, ...detail });
}

// S3's answer, in regions opened since 2014, to Signature Version 2; the stand-in takes only SigV4.
function unsupportedMechanism() {
  return new S3Error('InvalidRequest',
    'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
}

module.exports = {
  ALGORITHM, hmac, signingKey, sameSignature, parseCredential, secretFor, verifyRequest, signatureDoesNotMatch,
  unsupportedMechanism,
};
